/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The public socket operations: each finds the layer's operations table
 * through the socket's first member and calls the matching entry. A layer may
 * leave entries empty (porting guides tell integrators they can), so an empty
 * one is an unsupported operation, not a crash.
 */
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_socket_v_table.h>

#include <assert.h>

/* Every layer's socket struct begins like this. */
struct avs_net_socket_struct {
    const avs_net_socket_v_table_t *const operations;
};

static const avs_net_socket_v_table_t *ops(avs_net_socket_t *socket) {
    return socket ? socket->operations : NULL;
}

static avs_error_t unsupported(avs_net_socket_t *socket, const char *name) {
    if (!socket) {
        avs_log(net, ERROR, "%s: NULL socket", name);
        return avs_errno(AVS_EBADF);
    }
    avs_log(net, DEBUG, "%s: not implemented by this socket layer", name);
    return avs_errno(AVS_ENOTSUP);
}

/* Calls the entry @p Slot with @p socket and the remaining arguments, or
 * reports it unsupported. */
#define DISPATCH(Slot, socket, ...)                                            \
    ((ops(socket) && ops(socket)->Slot)                                        \
             ? ops(socket)->Slot((socket), __VA_ARGS__)                        \
             : unsupported((socket), "avs_net_socket_" #Slot))

avs_error_t avs_net_socket_connect(avs_net_socket_t *socket, const char *host,
                                   const char *port) {
    return DISPATCH(connect, socket, host, port);
}

avs_error_t avs_net_socket_decorate(avs_net_socket_t *socket,
                                    avs_net_socket_t *backend_socket) {
    return DISPATCH(decorate, socket, backend_socket);
}

avs_error_t avs_net_socket_send(avs_net_socket_t *socket, const void *buffer,
                                size_t buffer_length) {
    return DISPATCH(send, socket, buffer, buffer_length);
}

avs_error_t avs_net_socket_send_to(avs_net_socket_t *socket, const void *buffer,
                                   size_t buffer_length, const char *host,
                                   const char *port) {
    return DISPATCH(send_to, socket, buffer, buffer_length, host, port);
}

avs_error_t avs_net_socket_receive(avs_net_socket_t *socket,
                                   size_t *out_bytes_received, void *buffer,
                                   size_t buffer_length) {
    return DISPATCH(receive, socket, out_bytes_received, buffer, buffer_length);
}

avs_error_t avs_net_socket_receive_from(avs_net_socket_t *socket,
                                        size_t *out_bytes_received,
                                        void *buffer, size_t buffer_length,
                                        char *host, size_t host_size,
                                        char *port, size_t port_size) {
    return DISPATCH(receive_from, socket, out_bytes_received, buffer,
                    buffer_length, host, host_size, port, port_size);
}

avs_error_t avs_net_socket_bind(avs_net_socket_t *socket, const char *address,
                                const char *port) {
    return DISPATCH(bind, socket, address, port);
}

avs_error_t avs_net_socket_accept(avs_net_socket_t *server_socket,
                                  avs_net_socket_t *client_socket) {
    return DISPATCH(accept, server_socket, client_socket);
}

avs_error_t avs_net_socket_close(avs_net_socket_t *socket) {
    return (ops(socket) && ops(socket)->close)
                   ? ops(socket)->close(socket)
                   : unsupported(socket, "avs_net_socket_close");
}

avs_error_t avs_net_socket_shutdown(avs_net_socket_t *socket) {
    return (ops(socket) && ops(socket)->shutdown)
                   ? ops(socket)->shutdown(socket)
                   : unsupported(socket, "avs_net_socket_shutdown");
}

avs_error_t avs_net_socket_cleanup(avs_net_socket_t **socket) {
    if (!socket || !*socket) {
        return AVS_OK;
    }
    /* The one entry every layer must fill: without it the socket would
     * leak, which no return value could make right. */
    assert((*socket)->operations && (*socket)->operations->cleanup);
    return (*socket)->operations->cleanup(socket);
}

const void *avs_net_socket_get_system(avs_net_socket_t *socket) {
    return (ops(socket) && ops(socket)->get_system_socket)
                   ? ops(socket)->get_system_socket(socket)
                   : NULL;
}

avs_error_t
avs_net_socket_interface_name(avs_net_socket_t *socket,
                              avs_net_socket_interface_name_t *if_name) {
    return DISPATCH(get_interface_name, socket, if_name);
}

avs_error_t avs_net_socket_get_remote_host(avs_net_socket_t *socket,
                                           char *out_buffer,
                                           size_t out_buffer_size) {
    return DISPATCH(get_remote_host, socket, out_buffer, out_buffer_size);
}

avs_error_t avs_net_socket_get_remote_hostname(avs_net_socket_t *socket,
                                               char *out_buffer,
                                               size_t out_buffer_size) {
    return DISPATCH(get_remote_hostname, socket, out_buffer, out_buffer_size);
}

avs_error_t avs_net_socket_get_remote_port(avs_net_socket_t *socket,
                                           char *out_buffer,
                                           size_t out_buffer_size) {
    return DISPATCH(get_remote_port, socket, out_buffer, out_buffer_size);
}

avs_error_t avs_net_socket_get_local_host(avs_net_socket_t *socket,
                                          char *out_buffer,
                                          size_t out_buffer_size) {
    return DISPATCH(get_local_host, socket, out_buffer, out_buffer_size);
}

avs_error_t avs_net_socket_get_local_port(avs_net_socket_t *socket,
                                          char *out_buffer,
                                          size_t out_buffer_size) {
    return DISPATCH(get_local_port, socket, out_buffer, out_buffer_size);
}

avs_error_t
avs_net_socket_get_opt(avs_net_socket_t *socket,
                       avs_net_socket_opt_key_t option_key,
                       avs_net_socket_opt_value_t *out_option_value) {
    return DISPATCH(get_opt, socket, option_key, out_option_value);
}

avs_error_t avs_net_socket_set_opt(avs_net_socket_t *socket,
                                   avs_net_socket_opt_key_t option_key,
                                   avs_net_socket_opt_value_t option_value) {
    return DISPATCH(set_opt, socket, option_key, option_value);
}
