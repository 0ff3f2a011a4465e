/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Turning what OpenSSL reports into one avs_error_t and one log line: a
 * received alert wins (it is what the peer decided), then an error of the
 * socket underneath, then a certificate verification result, then the first
 * entry of OpenSSL's error queue.
 */
#include "openssl_compat.h"
#include "openssl_socket.h"

#include <avsystem/commons/avs_log.h>

#include <stdio.h>

#include <openssl/err.h>
#include <openssl/x509.h>

tern_tls_socket_t *tern_tls_socket_from_ssl(const SSL *ssl) {
    return (tern_tls_socket_t *) SSL_get_app_data(ssl);
}

void tern_tls_info_callback(const SSL *ssl, int where, int ret) {
    if (!(where & SSL_CB_ALERT)) {
        return;
    }
    tern_tls_socket_t *sock = tern_tls_socket_from_ssl(ssl);
    if (!sock) {
        return;
    }
    tern_tls_alert_t alert;
    alert.valid = true;
    alert.level = (uint8_t) ((ret >> 8) & 0xFF);
    alert.description = (uint8_t) (ret & 0xFF);
    /* close_notify is the normal end of a connection, not a failure. */
    if (alert.description == SSL_AD_CLOSE_NOTIFY) {
        return;
    }
    if (where & SSL_CB_READ) {
        sock->alert_received = alert;
    } else {
        sock->alert_sent = alert;
    }
}

void tern_tls_reset_connection_errors(tern_tls_socket_t *sock) {
    sock->bio_error = AVS_OK;
    sock->bio_eof = false;
    sock->alert_received.valid = false;
    sock->alert_sent.valid = false;
    ERR_clear_error();
}

static avs_error_t lib_error_from_code(unsigned long e) {
    uint16_t code = (uint16_t) (ERR_GET_REASON(e) & 0xFFFF);
    return code ? avs_net_ssl_lib_error(code) : avs_errno(AVS_EPROTO);
}

avs_error_t tern_tls_library_error(const char *what) {
    unsigned long e = ERR_peek_error();
    char buf[32];
    if (e) {
        avs_log(tls, ERROR, "%s: %s", what,
                tern_tls_error_text(e, buf, sizeof(buf)));
    } else {
        avs_log(tls, ERROR, "%s", what);
    }
    ERR_clear_error();
    return e ? lib_error_from_code(e) : avs_errno(AVS_ENOMEM);
}

avs_error_t tern_tls_report_failure(tern_tls_socket_t *sock, SSL *ssl,
                                    int ssl_error, const char *operation) {
    char buf[64];
    avs_error_t result;
    unsigned long e = ERR_peek_error();
    if (sock->alert_received.valid) {
        result = avs_net_ssl_alert(sock->alert_received.level,
                                   sock->alert_received.description);
        avs_log(tls, ERROR, "%s failed: received %s alert %u (%s)", operation,
                sock->alert_received.level == SSL3_AL_FATAL ? "fatal"
                                                            : "warning",
                (unsigned) sock->alert_received.description,
                SSL_alert_desc_string_long(sock->alert_received.description));
    } else if (avs_is_err(sock->bio_error)) {
        result = sock->bio_error;
        if (result.category == AVS_ERRNO_CATEGORY &&
            result.code == AVS_ETIMEDOUT) {
            avs_log(tls, ERROR, "%s failed: timed out", operation);
        } else {
            avs_log(tls, ERROR, "%s failed: %s", operation,
                    avs_error_describe(result, buf, sizeof(buf)));
        }
    } else if (ssl && ERR_GET_LIB(e) == ERR_LIB_SSL &&
               ERR_GET_REASON(e) == SSL_R_CERTIFICATE_VERIFY_FAILED &&
               SSL_get_verify_result(ssl) != X509_V_OK) {
        result = lib_error_from_code(e);
        char subject[128] = "";
        X509 *peer = tern_tls_peer_certificate(ssl);
        if (peer) {
            X509_NAME_oneline(X509_get_subject_name(peer), subject,
                              (int) sizeof(subject));
            X509_free(peer);
        }
        avs_log(tls, ERROR, "%s failed: certificate verify failed (%s)%s%s",
                operation,
                X509_verify_cert_error_string(SSL_get_verify_result(ssl)),
                *subject ? "; server certificate " : "", subject);
    } else if (e) {
        result = lib_error_from_code(e);
        if (sock->alert_sent.valid) {
            avs_log(tls, ERROR, "%s failed: %s (sent alert %u: %s)", operation,
                    tern_tls_error_text(e, buf, sizeof(buf)),
                    (unsigned) sock->alert_sent.description,
                    SSL_alert_desc_string_long(sock->alert_sent.description));
        } else {
            avs_log(tls, ERROR, "%s failed: %s", operation,
                    tern_tls_error_text(e, buf, sizeof(buf)));
        }
    } else if (sock->bio_eof) {
        result = avs_errno(AVS_ECONNRESET);
        avs_log(tls, ERROR, "%s failed: connection closed by the peer",
                operation);
    } else {
        result = avs_errno(AVS_EPROTO);
        avs_log(tls, ERROR, "%s failed: OpenSSL error %d", operation,
                ssl_error);
    }
    ERR_clear_error();
    return result;
}
