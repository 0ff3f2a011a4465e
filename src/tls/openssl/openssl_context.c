/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Building a socket's SSL_CTX from its configuration. Everything the
 * configuration points at is copied or loaded here, since the configuration
 * does not outlive the creator call.
 */
#include "openssl_socket.h"

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_utils.h>

#include <string.h>

/*
 * The version in the configuration is a minimum. (D)TLS 1.2 is the floor of
 * the secure defaults: TLS 1.0/1.1 and DTLS 1.0 are refused with ENOTSUP
 * rather than silently raised, so that a caller asking for them learns that
 * it will not get them. "SSLv2_OR_3" historically meant "negotiate whatever
 * both sides support" and is treated like DEFAULT.
 */
static avs_error_t min_version(bool dtls, avs_net_ssl_version_t version,
                               int *out) {
    switch (version) {
        case AVS_NET_SSL_VERSION_DEFAULT:
        case AVS_NET_SSL_VERSION_SSLv2_OR_3:
        case AVS_NET_SSL_VERSION_TLSv1_2:
            *out = dtls ? DTLS1_2_VERSION : TLS1_2_VERSION;
            return AVS_OK;
        case AVS_NET_SSL_VERSION_TLSv1_3:
            if (!dtls) {
                *out = TLS1_3_VERSION;
                return AVS_OK;
            }
            avs_log(tls, ERROR, "DTLS 1.3 is not available with OpenSSL");
            return avs_errno(AVS_ENOTSUP);
        default:
            avs_log(tls, ERROR,
                    "protocol version %d refused: (D)TLS 1.2 is the minimum",
                    (int) version);
            return avs_errno(AVS_ENOTSUP);
    }
}

static avs_error_t duration_to_us(avs_time_duration_t duration, unsigned *out) {
    int64_t us;
    if (avs_time_duration_to_scalar(&us, AVS_TIME_US, duration) || us <= 0 ||
        us > (int64_t) TERN_TLS_MAX_HANDSHAKE_TIMEOUT_S * 1000000) {
        return avs_errno(AVS_EINVAL);
    }
    *out = (unsigned) us;
    return AVS_OK;
}

avs_error_t
tern_tls_set_handshake_timeouts(tern_tls_socket_t *sock,
                                const avs_net_dtls_handshake_timeouts_t *t) {
    if (!t) {
        t = &AVS_NET_SOCKET_DEFAULT_DTLS_HANDSHAKE_TIMEOUTS;
    }
    unsigned min_us, max_us;
    if (avs_is_err(duration_to_us(t->min, &min_us)) ||
        avs_is_err(duration_to_us(t->max, &max_us)) || max_us < min_us) {
        avs_log(tls, ERROR,
                "invalid DTLS handshake timeouts (need 0 < min <= max <= %d "
                "s)",
                TERN_TLS_MAX_HANDSHAKE_TIMEOUT_S);
        return avs_errno(AVS_EINVAL);
    }
    sock->handshake_timeout_min_us = min_us;
    sock->handshake_timeout_max_us = max_us;
    return AVS_OK;
}

static avs_error_t
copy_plain_settings(tern_tls_socket_t *sock,
                    const avs_net_ssl_configuration_t *config) {
    avs_error_t err = tern_tls_set_handshake_timeouts(
            sock, config->dtls_handshake_timeouts);
    if (avs_is_err(err)) {
        return err;
    }
    if (config->server_name_indication) {
        if (strlen(config->server_name_indication) > TERN_TLS_MAX_SNI_LENGTH ||
            !*config->server_name_indication) {
            avs_log(tls, ERROR, "server name indication empty or too long");
            return avs_errno(AVS_ENOBUFS);
        }
        if (!(sock->server_name_indication =
                      avs_strdup(config->server_name_indication))) {
            avs_log(tls, ERROR, "out of memory");
            return avs_errno(AVS_ENOMEM);
        }
    }
    if (config->session_resumption_buffer_size &&
        !config->session_resumption_buffer) {
        avs_log(tls, ERROR, "session resumption buffer is NULL");
        return avs_errno(AVS_EINVAL);
    }
    sock->session_buffer = config->session_resumption_buffer;
    sock->session_buffer_size = config->session_resumption_buffer_size;
    if (config->use_connection_id) {
        avs_log(tls, DEBUG, "DTLS Connection ID is not available; ignored");
    }
    return AVS_OK;
}

avs_error_t tern_tls_context_create(tern_tls_socket_t *sock,
                                    const avs_net_ssl_configuration_t *config) {
    sock->security_mode = config->security.mode;
    if (sock->security_mode != AVS_NET_SECURITY_PSK &&
        sock->security_mode != AVS_NET_SECURITY_CERTIFICATE) {
        avs_log(tls, ERROR, "security mode %d is not supported",
                (int) sock->security_mode);
        return avs_errno(AVS_ENOTSUP);
    }
    int version = 0;
    avs_error_t err = min_version(sock->dtls, config->version, &version);
    if (avs_is_err(err) ||
        avs_is_err(err = copy_plain_settings(sock, config))) {
        return err;
    }
    sock->ctx = SSL_CTX_new(sock->dtls ? DTLS_client_method()
                                       : TLS_client_method());
    if (!sock->ctx) {
        return tern_tls_library_error("cannot create an SSL context");
    }
    if (!SSL_CTX_set_min_proto_version(sock->ctx, version)) {
        return tern_tls_library_error("cannot set the minimum version");
    }
    SSL_CTX_set_options(sock->ctx,
                        SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                (sock->dtls ? SSL_OP_NO_QUERY_MTU : 0));
    if (!sock->dtls) {
        /* One backend read takes whatever has arrived rather than a record
         * header and then its body; what is left waits in OpenSSL's buffer,
         * which HAS_BUFFERED_DATA reports. */
        SSL_CTX_set_read_ahead(sock->ctx, 1);
    }
    SSL_CTX_set_info_callback(sock->ctx, tern_tls_info_callback);
    tern_tls_session_setup_context(sock->ctx);

    if (sock->security_mode == AVS_NET_SECURITY_PSK) {
        /* No certificate is involved, but should the server answer with
         * one, it must not be accepted unverified. */
        sock->verify_peer = true;
        SSL_CTX_set_verify(sock->ctx, SSL_VERIFY_PEER, NULL);
        err = tern_tls_configure_psk(sock, &config->security.data.psk);
    } else {
        err = tern_tls_configure_certs(sock, &config->security.data.cert);
    }
    if (avs_is_ok(err)) {
        err = tern_tls_configure_ciphers(sock, &config->ciphersuites);
    }
    if (avs_is_ok(err) && config->additional_configuration_clb) {
        int result = config->additional_configuration_clb(sock->ctx);
        if (result) {
            avs_log(tls, ERROR,
                    "additional TLS configuration callback failed (%d)",
                    result);
            err = avs_errno(AVS_EINVAL);
        }
    }
    return err;
}
