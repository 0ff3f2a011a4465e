/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The starting point of a (D)TLS layer of your own: everything the socket
 * API links against is here, and nothing works yet. The creators refuse
 * with AVS_ENOTSUP, so the application fails cleanly at the first secure
 * socket it asks for.
 *
 * To grow it into a layer, fill in the socket below: create a UDP (or TCP)
 * backend socket with avs_net_udp_socket_create() from
 * config->backend_configuration, forward bind, shutdown and the address
 * queries to it, and make connect() run the handshake over it. Then run
 * tern-tls-conformance against the result.
 */
#include <avsystem/commons/avs_commons_config.h>

#ifndef AVS_COMMONS_WITH_CUSTOM_TLS
#    error "tls_impl.c is a TLS layer: build Tern with -DTERN_TLS_BACKEND=custom"
#endif

#include <avsystem/commons/avs_crypto_common.h>
#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_socket.h>
#include <avsystem/commons/avs_socket_v_table.h>

#include <string.h>

/* The seams the socket API calls. No installed header declares them; their
 * spelling must match exactly. */
avs_error_t _avs_net_create_dtls_socket(avs_net_socket_t **socket,
                                        const void *socket_configuration);
avs_error_t _avs_net_create_ssl_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration);
avs_error_t _avs_net_initialize_global_ssl_state(void);
void _avs_net_cleanup_global_ssl_state(void);

void avs_crypto_clear_buffer(void *buf, size_t size);

typedef struct {
    /* Must come first: the socket API finds the operations through it. */
    const avs_net_socket_v_table_t *operations;
    /* The UDP or TCP socket the records travel over, once there is one. */
    avs_net_socket_t *backend;
} stub_socket_t;

static avs_error_t stub_connect(avs_net_socket_t *socket, const char *host,
                                const char *port) {
    (void) socket;
    (void) host;
    (void) port;
    return avs_errno(AVS_ENOTSUP);
}

static avs_error_t stub_send(avs_net_socket_t *socket, const void *buffer,
                             size_t buffer_length) {
    (void) socket;
    (void) buffer;
    (void) buffer_length;
    return avs_errno(AVS_ENOTSUP);
}

static avs_error_t stub_receive(avs_net_socket_t *socket,
                                size_t *out_bytes_received, void *buffer,
                                size_t buffer_length) {
    (void) socket;
    (void) buffer;
    (void) buffer_length;
    *out_bytes_received = 0;
    return avs_errno(AVS_ENOTSUP);
}

static avs_error_t stub_close(avs_net_socket_t *socket) {
    (void) socket;
    return avs_errno(AVS_ENOTSUP);
}

/* Releases everything even though the layer is unfinished: a cleanup that
 * fails to free would leak every socket the application creates. */
static avs_error_t stub_cleanup(avs_net_socket_t **socket) {
    if (!socket || !*socket) {
        return AVS_OK;
    }
    stub_socket_t *stub = (stub_socket_t *) *socket;
    avs_net_socket_cleanup(&stub->backend);
    avs_free(stub);
    *socket = NULL;
    return avs_errno(AVS_ENOTSUP);
}

static const void *stub_get_system(avs_net_socket_t *socket) {
    (void) socket;
    return NULL;
}

static avs_error_t stub_get_opt(avs_net_socket_t *socket,
                                avs_net_socket_opt_key_t option_key,
                                avs_net_socket_opt_value_t *out_option_value) {
    (void) socket;
    (void) option_key;
    (void) out_option_value;
    return avs_errno(AVS_ENOTSUP);
}

static avs_error_t stub_set_opt(avs_net_socket_t *socket,
                                avs_net_socket_opt_key_t option_key,
                                avs_net_socket_opt_value_t option_value) {
    (void) socket;
    (void) option_key;
    (void) option_value;
    return avs_errno(AVS_ENOTSUP);
}

/* Operations left NULL make the socket API answer AVS_ENOTSUP itself. */
static const avs_net_socket_v_table_t STUB_V_TABLE = {.connect = stub_connect,
                                                      .send = stub_send,
                                                      .receive = stub_receive,
                                                      .close = stub_close,
                                                      .cleanup = stub_cleanup,
                                                      .get_system_socket =
                                                              stub_get_system,
                                                      .get_opt = stub_get_opt,
                                                      .set_opt = stub_set_opt};

static avs_error_t stub_create(avs_net_socket_t **socket,
                               const void *socket_configuration) {
    (void) socket_configuration;
    stub_socket_t *stub = (stub_socket_t *) avs_calloc(1, sizeof(*stub));
    if (!stub) {
        return avs_errno(AVS_ENOMEM);
    }
    stub->operations = &STUB_V_TABLE;
    /* Published at once, so that one cleanup call undoes a half-built
     * socket whatever step fails. */
    *socket = (avs_net_socket_t *) stub;
    /* A real layer creates its backend socket and TLS context here. This
     * one has neither, so it gives the socket back and refuses. */
    avs_net_socket_cleanup(socket);
    return avs_errno(AVS_ENOTSUP);
}

avs_error_t _avs_net_create_dtls_socket(avs_net_socket_t **socket,
                                        const void *socket_configuration) {
    return stub_create(socket, socket_configuration);
}

avs_error_t _avs_net_create_ssl_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration) {
    return stub_create(socket, socket_configuration);
}

/* A TLS library would be initialised here, once per process. */
avs_error_t _avs_net_initialize_global_ssl_state(void) {
    return AVS_OK;
}

void _avs_net_cleanup_global_ssl_state(void) {
}

/* The volatile function pointer keeps the compiler from proving that the
 * memory is dead and dropping the wipe. A TLS library usually offers the
 * same (OPENSSL_cleanse, mbedtls_platform_zeroize). */
static void *(*volatile const zero_memory)(void *, int, size_t) = memset;

void avs_crypto_clear_buffer(void *buf, size_t size) {
    if (buf && size) {
        zero_memory(buf, 0, size);
    }
}
