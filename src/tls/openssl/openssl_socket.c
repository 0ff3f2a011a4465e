/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The socket object: creation, the operations table, lifecycle, options,
 * and everything forwarded unchanged to the backend socket.
 */
#include "openssl_socket.h"

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>

#include <string.h>

#include <openssl/err.h>

#include "net/net_hooks.h"

static tern_tls_socket_t *as_tls(avs_net_socket_t *sock) {
    return (tern_tls_socket_t *) sock;
}

void tern_tls_connection_discard(tern_tls_socket_t *sock, bool notify_peer) {
    SSL *ssl = sock->ssl;
    if (!ssl) {
        return;
    }
    if (notify_peer && !sock->connection_broken && SSL_is_init_finished(ssl) &&
        !(SSL_get_shutdown(ssl) & SSL_SENT_SHUTDOWN)) {
        /* One call sends close_notify; waiting for the peer's answer would
         * only delay close() on a connection that is over anyway. */
        ERR_clear_error();
        sock->bio_error = AVS_OK;
        if (SSL_shutdown(ssl) < 0) {
            avs_log(tls, DEBUG, "close_notify could not be sent");
        }
    }
    ERR_clear_error();
    SSL_free(ssl);
    sock->ssl = NULL;
}

static avs_error_t tls_close(avs_net_socket_t *sock_) {
    tern_tls_socket_t *sock = as_tls(sock_);
    tern_tls_connection_discard(sock, true);
    return sock->backend ? avs_net_socket_close(sock->backend) : AVS_OK;
}

static avs_error_t tls_cleanup(avs_net_socket_t **sock_ptr) {
    if (!sock_ptr || !*sock_ptr) {
        return AVS_OK;
    }
    tern_tls_socket_t *sock = as_tls(*sock_ptr);
    avs_error_t err = tls_close(*sock_ptr);
    avs_error_t backend_err = avs_net_socket_cleanup(&sock->backend);
    if (avs_is_ok(err)) {
        err = backend_err;
    }
    tern_tls_session_forget(sock);
    SSL_CTX_free(sock->ctx);
    tern_tls_psk_wipe(sock);
    tern_tls_free_dane_records(sock);
    avs_free(sock->server_name_indication);
    avs_free(sock);
    *sock_ptr = NULL;
    return err;
}

static avs_error_t tls_bind(avs_net_socket_t *sock, const char *address,
                            const char *port) {
    return avs_net_socket_bind(as_tls(sock)->backend, address, port);
}

static avs_error_t tls_shutdown(avs_net_socket_t *sock) {
    return avs_net_socket_shutdown(as_tls(sock)->backend);
}

static const void *tls_get_system(avs_net_socket_t *sock) {
    return avs_net_socket_get_system(as_tls(sock)->backend);
}

static avs_error_t tls_get_interface(avs_net_socket_t *sock,
                                     avs_net_socket_interface_name_t *if_name) {
    return avs_net_socket_interface_name(as_tls(sock)->backend, if_name);
}

static avs_error_t tls_get_remote_host(avs_net_socket_t *sock, char *out,
                                       size_t size) {
    return avs_net_socket_get_remote_host(as_tls(sock)->backend, out, size);
}

static avs_error_t tls_get_remote_hostname(avs_net_socket_t *sock, char *out,
                                           size_t size) {
    return avs_net_socket_get_remote_hostname(as_tls(sock)->backend, out, size);
}

static avs_error_t tls_get_remote_port(avs_net_socket_t *sock, char *out,
                                       size_t size) {
    return avs_net_socket_get_remote_port(as_tls(sock)->backend, out, size);
}

static avs_error_t tls_get_local_host(avs_net_socket_t *sock, char *out,
                                      size_t size) {
    return avs_net_socket_get_local_host(as_tls(sock)->backend, out, size);
}

static avs_error_t tls_get_local_port(avs_net_socket_t *sock, char *out,
                                      size_t size) {
    return avs_net_socket_get_local_port(as_tls(sock)->backend, out, size);
}

static avs_error_t inner_mtu(tern_tls_socket_t *sock, int *out_mtu) {
    avs_net_socket_opt_value_t value;
    avs_error_t err = avs_net_socket_get_opt(
            sock->backend, AVS_NET_SOCKET_OPT_INNER_MTU, &value);
    if (avs_is_err(err)) {
        return err;
    }
    if (value.mtu <= 0) {
        *out_mtu = value.mtu;
        return AVS_OK;
    }
    const SSL_CIPHER *cipher = sock->ssl && SSL_is_init_finished(sock->ssl)
                                       ? SSL_get_current_cipher(sock->ssl)
                                       : NULL;
    *out_mtu =
            cipher ? tern_tls_plaintext_capacity(cipher, sock->dtls, value.mtu)
                   : tern_tls_min_plaintext_capacity(sock->ctx, sock->dtls,
                                                     value.mtu);
    return AVS_OK;
}

static avs_error_t tls_get_opt(avs_net_socket_t *sock_,
                               avs_net_socket_opt_key_t key,
                               avs_net_socket_opt_value_t *out) {
    tern_tls_socket_t *sock = as_tls(sock_);
    switch (key) {
        case AVS_NET_SOCKET_OPT_INNER_MTU:
            return inner_mtu(sock, &out->mtu);
        case AVS_NET_SOCKET_OPT_SESSION_RESUMED:
            out->flag = sock->ssl && sock->session_resumed;
            return AVS_OK;
        case AVS_NET_SOCKET_HAS_BUFFERED_DATA:
            out->flag = tern_tls_has_buffered_data(sock);
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_CONNECTION_ID_RESUMED:
            out->flag = false;
            return AVS_OK;
        default:
            return avs_net_socket_get_opt(sock->backend, key, out);
    }
}

static avs_error_t tls_set_opt(avs_net_socket_t *sock_,
                               avs_net_socket_opt_key_t key,
                               avs_net_socket_opt_value_t value) {
    tern_tls_socket_t *sock = as_tls(sock_);
    switch (key) {
        case AVS_NET_SOCKET_OPT_DANE_TLSA_ARRAY:
            return tern_tls_set_dane_records(sock, value.dane_tlsa_array);
        case AVS_NET_SOCKET_OPT_DTLS_HANDSHAKE_TIMEOUTS:
            if (!sock->dtls) {
                return avs_errno(AVS_ENOTSUP);
            }
            return tern_tls_set_handshake_timeouts(
                    sock, &value.dtls_handshake_timeouts);
        default:
            return avs_net_socket_set_opt(sock->backend, key, value);
    }
}

static const avs_net_socket_v_table_t TLS_VTABLE = {
        .connect = tern_tls_connect,
        .send = tern_tls_send,
        .receive = tern_tls_receive,
        .bind = tls_bind,
        .close = tls_close,
        .shutdown = tls_shutdown,
        .cleanup = tls_cleanup,
        .get_system_socket = tls_get_system,
        .get_interface_name = tls_get_interface,
        .get_remote_host = tls_get_remote_host,
        .get_remote_hostname = tls_get_remote_hostname,
        .get_remote_port = tls_get_remote_port,
        .get_local_host = tls_get_local_host,
        .get_local_port = tls_get_local_port,
        .get_opt = tls_get_opt,
        .set_opt = tls_set_opt};

static avs_error_t create_socket(avs_net_socket_t **socket,
                                 const void *configuration, bool dtls) {
    const avs_net_ssl_configuration_t *config =
            (const avs_net_ssl_configuration_t *) configuration;
    if (!socket || !config) {
        avs_log(tls, ERROR, "no socket configuration");
        return avs_errno(AVS_EINVAL);
    }
    tern_tls_socket_t *sock =
            (tern_tls_socket_t *) avs_calloc(1, sizeof(*sock));
    if (!sock) {
        avs_log(tls, ERROR, "out of memory");
        return avs_errno(AVS_ENOMEM);
    }
    sock->operations = &TLS_VTABLE;
    sock->dtls = dtls;
    /* Published before anything can fail, so that one cleanup call undoes
     * whatever part was built. */
    *socket = (avs_net_socket_t *) sock;
    avs_error_t err =
            dtls ? avs_net_udp_socket_create(&sock->backend,
                                             &config->backend_configuration)
                 : avs_net_tcp_socket_create(&sock->backend,
                                             &config->backend_configuration);
    if (avs_is_ok(err)) {
        err = tern_tls_context_create(sock, config);
    }
    if (avs_is_err(err)) {
        avs_net_socket_cleanup(socket);
    }
    return err;
}

avs_error_t _avs_net_create_dtls_socket(avs_net_socket_t **socket,
                                        const void *socket_configuration) {
    return create_socket(socket, socket_configuration, true);
}

avs_error_t _avs_net_create_ssl_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration) {
    return create_socket(socket, socket_configuration, false);
}
