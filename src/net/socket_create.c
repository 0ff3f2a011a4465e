/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The four socket creators, the in-place (D)TLS decorators, and the one-time
 * global set-up of the layers they create sockets from.
 */
#include <avsystem/commons/avs_init_once.h>
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_socket.h>

#include "net_hooks.h"

#include <stdlib.h>

static volatile avs_init_once_handle_t g_global_init_handle;
static bool g_teardown_registered;

static void global_teardown(void) {
    _avs_net_cleanup_global_ssl_state();
    _avs_net_cleanup_global_compat_state();
}

static int global_init(void *out_error) {
    avs_error_t *err = (avs_error_t *) out_error;
    *err = _avs_net_initialize_global_compat_state();
    if (avs_is_err(*err)) {
        avs_log(net, ERROR, "global init of the network layer failed");
        return -1;
    }
    *err = _avs_net_initialize_global_ssl_state();
    if (avs_is_err(*err)) {
        _avs_net_cleanup_global_compat_state();
        avs_log(net, ERROR, "global init of the (D)TLS layer failed");
        return -1;
    }
    /* Undone at exit, so that leak checkers see the layers' global state
     * released. Registered once even if a failed init is retried. */
    if (!g_teardown_registered) {
        g_teardown_registered = !atexit(global_teardown);
    }
    return 0;
}

static avs_error_t ensure_global_init(void) {
    avs_error_t err = AVS_OK;
    if (avs_init_once(&g_global_init_handle, global_init, &err)) {
        /* A failure reported by another thread's run leaves err as is. */
        return avs_is_err(err) ? err : avs_errno(AVS_EAGAIN);
    }
    return AVS_OK;
}

typedef avs_error_t create_hook_t(avs_net_socket_t **socket,
                                  const void *socket_configuration);

static avs_error_t create_socket(create_hook_t *hook, avs_net_socket_t **socket,
                                 const void *config) {
    if (!socket) {
        avs_log(net, ERROR, "socket creation: no place to store the socket");
        return avs_errno(AVS_EINVAL);
    }
    avs_error_t err = ensure_global_init();
    if (avs_is_err(err)) {
        return err;
    }
    /* The contract: whatever *socket held is released first. */
    avs_net_socket_cleanup(socket);
    err = hook(socket, config);
    if (avs_is_err(err) && *socket) {
        /* A layer that fails half-way may leave its socket published. */
        avs_net_socket_cleanup(socket);
    }
    return err;
}

avs_error_t
avs_net_udp_socket_create(avs_net_socket_t **socket,
                          const avs_net_socket_configuration_t *config) {
    return create_socket(_avs_net_create_udp_socket, socket, config);
}

avs_error_t
avs_net_tcp_socket_create(avs_net_socket_t **socket,
                          const avs_net_socket_configuration_t *config) {
    return create_socket(_avs_net_create_tcp_socket, socket, config);
}

static avs_error_t check_ssl_config(const avs_net_ssl_configuration_t *config) {
    if (!config) {
        avs_log(net, ERROR, "secure socket creation: no configuration");
        return avs_errno(AVS_EINVAL);
    }
    if (!config->prng_ctx) {
        avs_log(net, ERROR, "secure socket creation: prng_ctx is required");
        return avs_errno(AVS_EINVAL);
    }
    return AVS_OK;
}

avs_error_t
avs_net_dtls_socket_create(avs_net_socket_t **socket,
                           const avs_net_ssl_configuration_t *config) {
    avs_error_t err = check_ssl_config(config);
    if (avs_is_err(err)) {
        return err;
    }
    return create_socket(_avs_net_create_dtls_socket, socket, config);
}

avs_error_t
avs_net_ssl_socket_create(avs_net_socket_t **socket,
                          const avs_net_ssl_configuration_t *config) {
    avs_error_t err = check_ssl_config(config);
    if (avs_is_err(err)) {
        return err;
    }
    return create_socket(_avs_net_create_ssl_socket, socket, config);
}

typedef avs_error_t secure_create_t(avs_net_socket_t **socket,
                                    const avs_net_ssl_configuration_t *config);

static avs_error_t
decorate_in_place(secure_create_t *create, avs_net_socket_t **socket,
                  const avs_net_ssl_configuration_t *config) {
    if (!socket || !*socket) {
        avs_log(net, ERROR, "decorate in place: no socket to decorate");
        return avs_errno(AVS_EINVAL);
    }
    avs_net_socket_t *secure = NULL;
    avs_error_t err = create(&secure, config);
    if (avs_is_err(err)) {
        return err;
    }
    err = avs_net_socket_decorate(secure, *socket);
    if (avs_is_err(err)) {
        /* The backend stays with the caller, untouched. */
        avs_net_socket_cleanup(&secure);
        return err;
    }
    *socket = secure;
    return AVS_OK;
}

avs_error_t avs_net_dtls_socket_decorate_in_place(
        avs_net_socket_t **socket, const avs_net_ssl_configuration_t *config) {
    return decorate_in_place(avs_net_dtls_socket_create, socket, config);
}

avs_error_t avs_net_ssl_socket_decorate_in_place(
        avs_net_socket_t **socket, const avs_net_ssl_configuration_t *config) {
    return decorate_in_place(avs_net_ssl_socket_create, socket, config);
}
