/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_errno_map.h>

#include <errno.h>

typedef struct {
    int posix;
    avs_errno_t portable;
} errno_pair_t;

/* A table rather than a switch: platforms alias some names to the same value
 * (EWOULDBLOCK and EAGAIN, EOPNOTSUPP and ENOTSUP on Linux), which a switch
 * cannot express without duplicate case labels. The first match wins. */
static const errno_pair_t ERRNO_PAIRS[] = {
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
#ifdef EDEADLOCK
        {EDEADLOCK, AVS_EDEADLK},
#endif
};

avs_errno_t avs_map_errno(int errno_value) {
    size_t i;
    if (errno_value == 0) {
        return AVS_NO_ERROR;
    }
    for (i = 0; i < AVS_ARRAY_SIZE(ERRNO_PAIRS); ++i) {
        if (ERRNO_PAIRS[i].posix == errno_value) {
            return ERRNO_PAIRS[i].portable;
        }
    }
    return AVS_UNKNOWN_ERROR;
}
