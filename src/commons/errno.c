/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_errno.h>

#include <stdio.h>

/* The TLS error categories belong to the socket API (avs_socket.h), which sits
 * above commons; their numbers are part of the ABI, so repeating them here
 * keeps commons free of a dependency on the net layer. */
#define TLS_ALERT_CATEGORY 8572
#define TLS_LIB_ERROR_CATEGORY 8573

const char *avs_strerror(avs_errno_t error) {
    switch (error) {
        case AVS_NO_ERROR:
            return "No error";
        case AVS_E2BIG:
            return "Argument list too long";
        case AVS_EACCES:
            return "Permission denied";
        case AVS_EADDRINUSE:
            return "Address already in use";
        case AVS_EADDRNOTAVAIL:
            return "Address not available";
        case AVS_EAFNOSUPPORT:
            return "Address family not supported";
        case AVS_EAGAIN:
            return "Resource temporarily unavailable";
        case AVS_EALREADY:
            return "Operation already in progress";
        case AVS_EBADF:
            return "Bad file descriptor";
        case AVS_EBADMSG:
            return "Bad message";
        case AVS_EBUSY:
            return "Device or resource busy";
        case AVS_ECHILD:
            return "No child processes";
        case AVS_ECONNABORTED:
            return "Connection aborted";
        case AVS_ECONNREFUSED:
            return "Connection refused";
        case AVS_ECONNRESET:
            return "Connection reset by peer";
        case AVS_EDEADLK:
            return "Resource deadlock avoided";
        case AVS_EDESTADDRREQ:
            return "Destination address required";
        case AVS_EDOM:
            return "Argument out of domain";
        case AVS_EEXIST:
            return "File exists";
        case AVS_EFAULT:
            return "Bad address";
        case AVS_EFBIG:
            return "File too large";
        case AVS_EHOSTUNREACH:
            return "Host is unreachable";
        case AVS_EINPROGRESS:
            return "Operation in progress";
        case AVS_EINTR:
            return "Interrupted function call";
        case AVS_EINVAL:
            return "Invalid argument";
        case AVS_EIO:
            return "Input/output error";
        case AVS_EISCONN:
            return "Socket is connected";
        case AVS_EISDIR:
            return "Is a directory";
        case AVS_ELOOP:
            return "Too many levels of symbolic links";
        case AVS_EMFILE:
            return "Too many open files";
        case AVS_EMLINK:
            return "Too many links";
        case AVS_EMSGSIZE:
            return "Message too long";
        case AVS_ENAMETOOLONG:
            return "File name too long";
        case AVS_ENETDOWN:
            return "Network is down";
        case AVS_ENETRESET:
            return "Connection reset by network";
        case AVS_ENETUNREACH:
            return "Network is unreachable";
        case AVS_ENFILE:
            return "Too many open files in system";
        case AVS_ENOBUFS:
            return "No buffer space available";
        case AVS_ENODEV:
            return "No such device";
        case AVS_ENOENT:
            return "No such file or directory";
        case AVS_ENOEXEC:
            return "Exec format error";
        case AVS_ENOLINK:
            return "Link has been severed";
        case AVS_ENOMEM:
            return "Not enough space";
        case AVS_ENOMSG:
            return "No message of the desired type";
        case AVS_ENOPROTOOPT:
            return "Protocol not available";
        case AVS_ENOSPC:
            return "No space left on device";
        case AVS_ENOSYS:
            return "Function not implemented";
        case AVS_ENOTBLK:
            return "Block device required";
        case AVS_ENOTCONN:
            return "The socket is not connected";
        case AVS_ENOTDIR:
            return "Not a directory";
        case AVS_ENOTEMPTY:
            return "Directory not empty";
        case AVS_ENOTSOCK:
            return "Not a socket";
        case AVS_ENOTSUP:
            return "Operation not supported";
        case AVS_ENOTTY:
            return "Inappropriate I/O control operation";
        case AVS_ENXIO:
            return "No such device or address";
        case AVS_EOVERFLOW:
            return "Value too large to be stored in data type";
        case AVS_EPERM:
            return "Operation not permitted";
        case AVS_EPIPE:
            return "Broken pipe";
        case AVS_EPROTO:
            return "Protocol error";
        case AVS_EPROTONOSUPPORT:
            return "Protocol not supported";
        case AVS_EPROTOTYPE:
            return "Protocol wrong type for socket";
        case AVS_ERANGE:
            return "Result too large";
        case AVS_EROFS:
            return "Read-only file system";
        case AVS_ESPIPE:
            return "Invalid seek";
        case AVS_ESRCH:
            return "No such process";
        case AVS_ETIMEDOUT:
            return "Connection timed out";
        case AVS_ETXTBSY:
            return "Text file busy";
        case AVS_EXDEV:
            return "Improper link";
        case AVS_UNKNOWN_ERROR:
            break;
    }
    return "Unknown error";
}

static const char *tls_alert_name(uint8_t description) {
    /* Alert descriptions registered for TLS 1.2 and 1.3 (IANA "TLS Alerts"). */
    switch (description) {
        case 0:
            return "close_notify";
        case 10:
            return "unexpected_message";
        case 20:
            return "bad_record_mac";
        case 21:
            return "decryption_failed";
        case 22:
            return "record_overflow";
        case 30:
            return "decompression_failure";
        case 40:
            return "handshake_failure";
        case 41:
            return "no_certificate";
        case 42:
            return "bad_certificate";
        case 43:
            return "unsupported_certificate";
        case 44:
            return "certificate_revoked";
        case 45:
            return "certificate_expired";
        case 46:
            return "certificate_unknown";
        case 47:
            return "illegal_parameter";
        case 48:
            return "unknown_ca";
        case 49:
            return "access_denied";
        case 50:
            return "decode_error";
        case 51:
            return "decrypt_error";
        case 60:
            return "export_restriction";
        case 70:
            return "protocol_version";
        case 71:
            return "insufficient_security";
        case 80:
            return "internal_error";
        case 86:
            return "inappropriate_fallback";
        case 90:
            return "user_canceled";
        case 100:
            return "no_renegotiation";
        case 109:
            return "missing_extension";
        case 110:
            return "unsupported_extension";
        case 111:
            return "certificate_unobtainable";
        case 112:
            return "unrecognized_name";
        case 113:
            return "bad_certificate_status_response";
        case 114:
            return "bad_certificate_hash_value";
        case 115:
            return "unknown_psk_identity";
        case 116:
            return "certificate_required";
        case 120:
            return "no_application_protocol";
        default:
            return NULL;
    }
}

const char *avs_error_describe(avs_error_t error, char *buf, size_t buf_size) {
    if (!buf || !buf_size) {
        return "";
    }
    if (avs_is_ok(error)) {
        snprintf(buf, buf_size, "%s", avs_strerror(AVS_NO_ERROR));
    } else if (error.category == AVS_ERRNO_CATEGORY) {
        snprintf(buf, buf_size, "%s", avs_strerror((avs_errno_t) error.code));
    } else if (error.category == TLS_ALERT_CATEGORY) {
        unsigned level = (unsigned) (error.code >> 8);
        uint8_t description = (uint8_t) (error.code & 0xFF);
        const char *name = tls_alert_name(description);
        if (name) {
            snprintf(buf, buf_size, "TLS alert level %u description %u (%s)",
                     level, (unsigned) description, name);
        } else {
            snprintf(buf, buf_size, "TLS alert level %u description %u", level,
                     (unsigned) description);
        }
    } else if (error.category == TLS_LIB_ERROR_CATEGORY) {
        snprintf(buf, buf_size, "TLS library error %u", (unsigned) error.code);
    } else {
        snprintf(buf, buf_size, "error category %u code %u",
                 (unsigned) error.category, (unsigned) error.code);
    }
    return buf;
}
