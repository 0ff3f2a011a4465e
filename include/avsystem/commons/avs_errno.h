/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_errno.h
 * The error value returned by every socket, TLS and commons function.
 */
#ifndef AVS_COMMONS_ERRNO_H
#define AVS_COMMONS_ERRNO_H

#include <avsystem/commons/avs_defs.h>

#include <assert.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * An error: a category that says which numbering @c code follows, and the
 * code. A zero @c code means success whatever the category.
 */
typedef struct {
    uint16_t category;
    uint16_t code;
} avs_error_t;

/** Success. */
static const avs_error_t AVS_OK = {0, 0};

/** Category of errors whose code is an @ref avs_errno_t. */
#define AVS_ERRNO_CATEGORY 37766

/**
 * Portable errno-like codes, dense and alphabetical so that the values are
 * the same on every platform.
 */
typedef enum avs_errno {
    AVS_NO_ERROR = 0,
    AVS_E2BIG,
    AVS_EACCES,
    AVS_EADDRINUSE,
    AVS_EADDRNOTAVAIL,
    AVS_EAFNOSUPPORT,
    AVS_EAGAIN,
    AVS_EALREADY,
    AVS_EBADF,
    AVS_EBADMSG,
    AVS_EBUSY,
    AVS_ECHILD,
    AVS_ECONNABORTED,
    AVS_ECONNREFUSED,
    AVS_ECONNRESET,
    AVS_EDEADLK,
    AVS_EDESTADDRREQ,
    AVS_EDOM,
    AVS_EEXIST,
    AVS_EFAULT,
    AVS_EFBIG,
    AVS_EHOSTUNREACH,
    AVS_EINPROGRESS,
    AVS_EINTR,
    AVS_EINVAL,
    AVS_EIO,
    AVS_EISCONN,
    AVS_EISDIR,
    AVS_ELOOP,
    AVS_EMFILE,
    AVS_EMLINK,
    AVS_EMSGSIZE,
    AVS_ENAMETOOLONG,
    AVS_ENETDOWN,
    AVS_ENETRESET,
    AVS_ENETUNREACH,
    AVS_ENFILE,
    AVS_ENOBUFS,
    AVS_ENODEV,
    AVS_ENOENT,
    AVS_ENOEXEC,
    AVS_ENOLINK,
    AVS_ENOMEM,
    AVS_ENOMSG,
    AVS_ENOPROTOOPT,
    AVS_ENOSPC,
    AVS_ENOSYS,
    AVS_ENOTBLK,
    AVS_ENOTCONN,
    AVS_ENOTDIR,
    AVS_ENOTEMPTY,
    AVS_ENOTSOCK,
    AVS_ENOTSUP,
    AVS_ENOTTY,
    AVS_ENXIO,
    AVS_EOVERFLOW,
    AVS_EPERM,
    AVS_EPIPE,
    AVS_EPROTO,
    AVS_EPROTONOSUPPORT,
    AVS_EPROTOTYPE,
    AVS_ERANGE,
    AVS_EROFS,
    AVS_ESPIPE,
    AVS_ESRCH,
    AVS_ETIMEDOUT,
    AVS_ETXTBSY,
    AVS_EXDEV,
    AVS_UNKNOWN_ERROR = UINT16_MAX
} avs_errno_t;

/** Wraps an @ref avs_errno_t into an @ref avs_error_t. */
static inline avs_error_t avs_errno(avs_errno_t error) {
    avs_error_t result = {AVS_ERRNO_CATEGORY, (uint16_t) error};
    assert((avs_errno_t) result.code == error);
    return result;
}

/** True if @p error means success (its code is zero). */
static inline bool avs_is_ok(avs_error_t error) {
    return error.code == 0;
}

/** True if @p error is a failure. */
static inline bool avs_is_err(avs_error_t error) {
    return !avs_is_ok(error);
}

/**
 * Short English description of @p error, e.g. "Connection timed out".
 * Never NULL; unknown values give "Unknown error".
 */
const char *avs_strerror(avs_errno_t error);

/**
 * Human-readable text for any @ref avs_error_t, for log lines: the errno text,
 * "TLS alert level L description D (name)" (the name when the alert is a
 * registered one), "TLS library error N", or "error category C code N".
 * The result points into @p buf (which should hold at least 64 bytes) and is
 * cut to fit it; with no buffer it is an empty string.
 */
const char *avs_error_describe(avs_error_t error, char *buf, size_t buf_size);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_ERRNO_H */
