/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_errno.h>
#include <avsystem/commons/avs_errno_map.h>

#include <errno.h>

#include "tern_test.h"

static void reference_values(void) {
    /* Values fixed by the ABI that applications compiled against. */
    TT_EQ(AVS_ERRNO_CATEGORY, 37766);
    TT_EQ(AVS_NO_ERROR, 0);
    TT_EQ(AVS_E2BIG, 1);
    TT_EQ(AVS_EADDRNOTAVAIL, 4);
    TT_EQ(AVS_EBADF, 8);
    TT_EQ(AVS_ECONNREFUSED, 13);
    TT_EQ(AVS_EINVAL, 24);
    TT_EQ(AVS_EIO, 25);
    TT_EQ(AVS_EMSGSIZE, 31);
    TT_EQ(AVS_ENOBUFS, 37);
    TT_EQ(AVS_ENOMEM, 42);
    TT_EQ(AVS_ENOTSUP, 52);
    TT_EQ(AVS_EPROTO, 58);
    TT_EQ(AVS_ETIMEDOUT, 65);
    TT_EQ(AVS_EXDEV, 67);
    TT_EQ(AVS_UNKNOWN_ERROR, 65535);
}

static void ok_and_err(void) {
    avs_error_t other_category_zero = {1234, 0};
    TT_CHECK(avs_is_ok(AVS_OK));
    TT_CHECK(avs_is_ok(other_category_zero));
    TT_CHECK(avs_is_err(avs_errno(AVS_EIO)));
    TT_ERRNO(avs_errno(AVS_ETIMEDOUT), AVS_ETIMEDOUT);
}

static void strerror_covers_every_value(void) {
    int i;
    for (i = AVS_NO_ERROR; i <= AVS_EXDEV; ++i) {
        const char *text = avs_strerror((avs_errno_t) i);
        TT_CHECK(text && *text);
        if (i != AVS_NO_ERROR) {
            /* Every defined code has its own text, not the fallback. */
            TT_CHECK(strcmp(text, "Unknown error") != 0);
        }
    }
    TT_STREQ(avs_strerror(AVS_ETIMEDOUT), "Connection timed out");
    TT_STREQ(avs_strerror(AVS_UNKNOWN_ERROR), "Unknown error");
    TT_STREQ(avs_strerror((avs_errno_t) 1000), "Unknown error");
}

typedef struct {
    int posix;
    avs_errno_t expected;
} pair_t;

static void map_every_posix_value(void) {
    static const pair_t PAIRS[] = {
            {E2BIG, AVS_E2BIG},
            {EACCES, AVS_EACCES},
            {EADDRINUSE, AVS_EADDRINUSE},
            {EADDRNOTAVAIL, AVS_EADDRNOTAVAIL},
            {EAFNOSUPPORT, AVS_EAFNOSUPPORT},
            {EAGAIN, AVS_EAGAIN},
            {EALREADY, AVS_EALREADY},
            {EBADF, AVS_EBADF},
            {EBADMSG, AVS_EBADMSG},
            {EBUSY, AVS_EBUSY},
            {ECHILD, AVS_ECHILD},
            {ECONNABORTED, AVS_ECONNABORTED},
            {ECONNREFUSED, AVS_ECONNREFUSED},
            {ECONNRESET, AVS_ECONNRESET},
            {EDEADLK, AVS_EDEADLK},
            {EDESTADDRREQ, AVS_EDESTADDRREQ},
            {EDOM, AVS_EDOM},
            {EEXIST, AVS_EEXIST},
            {EFAULT, AVS_EFAULT},
            {EFBIG, AVS_EFBIG},
            {EHOSTUNREACH, AVS_EHOSTUNREACH},
            {EINPROGRESS, AVS_EINPROGRESS},
            {EINTR, AVS_EINTR},
            {EINVAL, AVS_EINVAL},
            {EIO, AVS_EIO},
            {EISCONN, AVS_EISCONN},
            {EISDIR, AVS_EISDIR},
            {ELOOP, AVS_ELOOP},
            {EMFILE, AVS_EMFILE},
            {EMLINK, AVS_EMLINK},
            {EMSGSIZE, AVS_EMSGSIZE},
            {ENAMETOOLONG, AVS_ENAMETOOLONG},
            {ENETDOWN, AVS_ENETDOWN},
            {ENETRESET, AVS_ENETRESET},
            {ENETUNREACH, AVS_ENETUNREACH},
            {ENFILE, AVS_ENFILE},
            {ENOBUFS, AVS_ENOBUFS},
            {ENODEV, AVS_ENODEV},
            {ENOENT, AVS_ENOENT},
            {ENOEXEC, AVS_ENOEXEC},
            {ENOLINK, AVS_ENOLINK},
            {ENOMEM, AVS_ENOMEM},
            {ENOMSG, AVS_ENOMSG},
            {ENOPROTOOPT, AVS_ENOPROTOOPT},
            {ENOSPC, AVS_ENOSPC},
            {ENOSYS, AVS_ENOSYS},
#ifdef ENOTBLK
            {ENOTBLK, AVS_ENOTBLK},
#endif
            {ENOTCONN, AVS_ENOTCONN},
            {ENOTDIR, AVS_ENOTDIR},
            {ENOTEMPTY, AVS_ENOTEMPTY},
            {ENOTSOCK, AVS_ENOTSOCK},
            {ENOTSUP, AVS_ENOTSUP},
            {ENOTTY, AVS_ENOTTY},
            {ENXIO, AVS_ENXIO},
            {EOVERFLOW, AVS_EOVERFLOW},
            {EPERM, AVS_EPERM},
            {EPIPE, AVS_EPIPE},
            {EPROTO, AVS_EPROTO},
            {EPROTONOSUPPORT, AVS_EPROTONOSUPPORT},
            {EPROTOTYPE, AVS_EPROTOTYPE},
            {ERANGE, AVS_ERANGE},
            {EROFS, AVS_EROFS},
            {ESPIPE, AVS_ESPIPE},
            {ESRCH, AVS_ESRCH},
            {ETIMEDOUT, AVS_ETIMEDOUT},
            {ETXTBSY, AVS_ETXTBSY},
            {EXDEV, AVS_EXDEV},
            {EWOULDBLOCK, AVS_EAGAIN},
            {EOPNOTSUPP, AVS_ENOTSUP},
    };
    size_t i;
    for (i = 0; i < AVS_ARRAY_SIZE(PAIRS); ++i) {
        TT_EQ(avs_map_errno(PAIRS[i].posix), PAIRS[i].expected);
    }
    TT_EQ(avs_map_errno(0), AVS_NO_ERROR);
    TT_EQ(avs_map_errno(-1), AVS_UNKNOWN_ERROR);
    TT_EQ(avs_map_errno(99999), AVS_UNKNOWN_ERROR);
}

static void describe(void) {
    char buf[128];
    avs_error_t alert = {8572, (uint16_t) ((2 << 8) | 40)};
    avs_error_t odd_alert = {8572, (uint16_t) ((1 << 8) | 250)};
    avs_error_t lib = {8573, 1234};
    avs_error_t other = {42, 7};
    TT_STREQ(avs_error_describe(avs_errno(AVS_ECONNREFUSED), buf, sizeof(buf)),
             "Connection refused");
    TT_STREQ(avs_error_describe(alert, buf, sizeof(buf)),
             "TLS alert level 2 description 40 (handshake_failure)");
    TT_STREQ(avs_error_describe(odd_alert, buf, sizeof(buf)),
             "TLS alert level 1 description 250");
    TT_STREQ(avs_error_describe(lib, buf, sizeof(buf)),
             "TLS library error 1234");
    TT_STREQ(avs_error_describe(other, buf, sizeof(buf)),
             "error category 42 code 7");
    TT_STREQ(avs_error_describe(AVS_OK, buf, sizeof(buf)), "No error");
    /* The result always points into the caller's buffer and fits it. */
    TT_CHECK(avs_error_describe(alert, buf, 8) == buf);
    TT_EQ(strlen(buf), 7);
    TT_STREQ(avs_error_describe(alert, NULL, 0), "");
}

int main(void) {
    TT_RUN(reference_values);
    TT_RUN(ok_and_err);
    TT_RUN(strerror_covers_every_value);
    TT_RUN(map_every_posix_value);
    TT_RUN(describe);
    return TT_SUMMARY();
}
