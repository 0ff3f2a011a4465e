/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Layer code as a porting guide has integrators write it: the private hook
 * prototypes re-declared by hand, a socket struct starting with the v-table
 * pointer, every slot filled. It is only compiled (with -Werror) against the
 * installed headers, to prove that such code builds unchanged.
 */
#include <avsystem/commons/avs_addrinfo.h>
#include <avsystem/commons/avs_commons_config.h>
#include <avsystem/commons/avs_crypto_common.h>
#include <avsystem/commons/avs_crypto_pki.h>
#include <avsystem/commons/avs_defs.h>
#include <avsystem/commons/avs_errno.h>
#include <avsystem/commons/avs_list.h>
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_socket.h>
#include <avsystem/commons/avs_socket_v_table.h>
#include <avsystem/commons/avs_time.h>
#include <avsystem/commons/avs_utils.h>

avs_error_t _avs_net_create_udp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration);
avs_error_t _avs_net_create_tcp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration);
avs_error_t _avs_net_initialize_global_compat_state(void);
void _avs_net_cleanup_global_compat_state(void);
avs_error_t _avs_net_create_dtls_socket(avs_net_socket_t **socket,
                                        const void *socket_configuration);
avs_error_t _avs_net_create_ssl_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration);
avs_error_t _avs_net_initialize_global_ssl_state(void);
void _avs_net_cleanup_global_ssl_state(void);

typedef struct {
    const avs_net_socket_v_table_t *operations;
    int fd;
    avs_time_duration_t recv_timeout;
    AVS_LIST(avs_crypto_certificate_chain_info_t) certs;
} layer_socket_t;

AVS_STATIC_ASSERT(offsetof(layer_socket_t, operations) == 0,
                  v_table_pointer_first);

static avs_error_t layer_connect(avs_net_socket_t *s, const char *host,
                                 const char *port) {
    (void) s;
    (void) host;
    (void) port;
    return avs_errno(AVS_ECONNREFUSED);
}

static avs_error_t layer_send(avs_net_socket_t *s, const void *buf,
                              size_t len) {
    (void) s;
    (void) buf;
    (void) len;
    return avs_errno(AVS_EIO);
}

static avs_error_t layer_receive(avs_net_socket_t *s, size_t *out, void *buf,
                                 size_t len) {
    (void) s;
    (void) buf;
    (void) len;
    *out = 0;
    return avs_errno(AVS_ETIMEDOUT);
}

static avs_error_t layer_close(avs_net_socket_t *s) {
    ((layer_socket_t *) s)->fd = -1;
    return AVS_OK;
}

static avs_error_t layer_cleanup(avs_net_socket_t **s) {
    layer_socket_t *sock = (layer_socket_t *) *s;
    AVS_LIST_CLEAR(&sock->certs);
    avs_free(sock);
    *s = NULL;
    return AVS_OK;
}

static const void *layer_get_system(avs_net_socket_t *s) {
    return &((layer_socket_t *) s)->fd;
}

static avs_error_t layer_get_opt(avs_net_socket_t *s,
                                 avs_net_socket_opt_key_t key,
                                 avs_net_socket_opt_value_t *out) {
    layer_socket_t *sock = (layer_socket_t *) s;
    switch (key) {
        case AVS_NET_SOCKET_OPT_RECV_TIMEOUT:
            out->recv_timeout = sock->recv_timeout;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_STATE:
            out->state = sock->fd >= 0 ? AVS_NET_SOCKET_STATE_CONNECTED
                                       : AVS_NET_SOCKET_STATE_CLOSED;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_INNER_MTU:
            out->mtu = AVS_MAX(1464, 0);
            return AVS_OK;
        case AVS_NET_SOCKET_HAS_BUFFERED_DATA:
            out->flag = false;
            return AVS_OK;
        default:
            return avs_errno(AVS_ENOTSUP);
    }
}

static avs_error_t layer_set_opt(avs_net_socket_t *s,
                                 avs_net_socket_opt_key_t key,
                                 avs_net_socket_opt_value_t value) {
    if (key != AVS_NET_SOCKET_OPT_RECV_TIMEOUT) {
        return avs_errno(AVS_ENOTSUP);
    }
    ((layer_socket_t *) s)->recv_timeout = value.recv_timeout;
    return AVS_OK;
}

static const avs_net_socket_v_table_t LAYER_VTABLE = {.connect = layer_connect,
                                                      .send = layer_send,
                                                      .receive = layer_receive,
                                                      .close = layer_close,
                                                      .cleanup = layer_cleanup,
                                                      .get_system_socket =
                                                              layer_get_system,
                                                      .get_opt = layer_get_opt,
                                                      .set_opt = layer_set_opt};

avs_error_t _avs_net_create_udp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration) {
    layer_socket_t *sock = (layer_socket_t *) avs_calloc(1, sizeof(*sock));
    (void) socket_configuration;
    if (!sock) {
        return avs_errno(AVS_ENOMEM);
    }
    sock->operations = &LAYER_VTABLE;
    sock->fd = -1;
    sock->recv_timeout = avs_time_duration_from_scalar(30, AVS_TIME_S);
    *socket = (avs_net_socket_t *) sock;
    avs_log(layer, DEBUG, "created socket %p", (void *) sock);
    return AVS_OK;
}

avs_error_t _avs_net_create_tcp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration) {
    (void) socket;
    (void) socket_configuration;
    return avs_errno(AVS_ENOTSUP);
}

avs_error_t _avs_net_initialize_global_compat_state(void) {
    return AVS_OK;
}

void _avs_net_cleanup_global_compat_state(void) {
}

avs_error_t _avs_net_create_dtls_socket(avs_net_socket_t **socket,
                                        const void *socket_configuration) {
    const avs_net_ssl_configuration_t *config =
            (const avs_net_ssl_configuration_t *) socket_configuration;
    (void) socket;
    if (config->security.mode == AVS_NET_SECURITY_PSK &&
        config->security.data.psk.key.desc.source !=
                AVS_CRYPTO_DATA_SOURCE_BUFFER) {
        return avs_errno(AVS_EINVAL);
    }
    return avs_errno(AVS_ENOTSUP);
}

avs_error_t _avs_net_create_ssl_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration) {
    return _avs_net_create_dtls_socket(socket, socket_configuration);
}

avs_error_t _avs_net_initialize_global_ssl_state(void) {
    return AVS_OK;
}

void _avs_net_cleanup_global_ssl_state(void) {
}

avs_error_t
avs_net_resolved_endpoint_get_host_port(const avs_net_resolved_endpoint_t *endp,
                                        char *host, size_t hostlen, char *serv,
                                        size_t servlen) {
    (void) host;
    (void) hostlen;
    (void) serv;
    (void) servlen;
    return endp->size ? avs_errno(AVS_ENOTSUP) : avs_errno(AVS_EINVAL);
}
