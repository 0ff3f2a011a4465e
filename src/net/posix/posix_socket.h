/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Shared between the files of the POSIX UDP/TCP layer; not installed. Every
 * name with external linkage starts with tern_posix_ so that a build with a
 * custom network layer can prove none of it got in.
 */
#ifndef TERN_NET_POSIX_SOCKET_H
#define TERN_NET_POSIX_SOCKET_H

#include <avsystem/commons/avs_addrinfo.h>
#include <avsystem/commons/avs_socket_v_table.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

/* Longest host name DNS allows is 253 characters; leave room for a NUL. */
#define TERN_POSIX_HOSTNAME_SIZE 256
/* "65535" plus NUL. */
#define TERN_POSIX_PORT_SIZE 6

/* A socket address of any family this layer speaks, with its length. */
typedef struct {
    union {
        struct sockaddr sa;
        struct sockaddr_in in4;
        struct sockaddr_in6 in6;
        struct sockaddr_storage storage;
    } u;
    socklen_t len;
} tern_posix_addr_t;

typedef struct {
    /* Must stay first: the socket API reads the table through this. */
    const avs_net_socket_v_table_t *operations;
    avs_net_socket_type_t type;
    /* -1 while there is no descriptor; its address is what get_system hands
     * out, so it never moves while the object lives. */
    int fd;
    /* Family of fd (AF_INET or AF_INET6) while fd >= 0. */
    int fd_family;
    avs_net_socket_state_t state;
    avs_time_duration_t recv_timeout;
    /* A copy; preferred_endpoint inside still points at caller storage. */
    avs_net_socket_configuration_t config;
    /* The peer as passed to connect()/accept(); len == 0 when there is none.
     * Kept across shutdown so that the peer can still be queried. */
    tern_posix_addr_t remote;
    char remote_hostname[TERN_POSIX_HOSTNAME_SIZE];
    uint64_t bytes_sent;
    uint64_t bytes_received;
    /* SO_RCVTIMEO last applied to fd, so that it is only set again when the
     * wait changes; rcvtimeo_set is false for a fresh descriptor. */
    struct timeval rcvtimeo;
    bool rcvtimeo_set;
} tern_posix_socket_t;

/* --- posix_socket.c: lifecycle --- */

/* True if @p socket is one of this layer's sockets. */
bool tern_posix_is_own_socket(avs_net_socket_t *socket);

/*
 * Creates the descriptor of @p family, configured as the socket's options
 * say. Does not log: on failure @p *out_what names the step that failed, for
 * the caller's one log line.
 */
avs_error_t tern_posix_open_fd(tern_posix_socket_t *sock, int family,
                               const char **out_what);

/* Releases the descriptor (if any) and forgets the peer. */
avs_error_t tern_posix_close_fd(tern_posix_socket_t *sock);

/* --- posix_connect.c: operations that take an address --- */

avs_error_t tern_posix_connect(avs_net_socket_t *socket, const char *host,
                               const char *port);
avs_error_t tern_posix_bind(avs_net_socket_t *socket, const char *address,
                            const char *port);
avs_error_t tern_posix_accept(avs_net_socket_t *server_socket,
                              avs_net_socket_t *new_socket);

/* --- posix_io.c: data transfer --- */

avs_error_t tern_posix_send(avs_net_socket_t *socket, const void *buffer,
                            size_t buffer_length);
avs_error_t tern_posix_send_to(avs_net_socket_t *socket, const void *buffer,
                               size_t buffer_length, const char *host,
                               const char *port);
avs_error_t tern_posix_receive(avs_net_socket_t *socket,
                               size_t *out_bytes_received, void *buffer,
                               size_t buffer_length);
avs_error_t tern_posix_receive_from(avs_net_socket_t *socket,
                                    size_t *out_bytes_received, void *buffer,
                                    size_t buffer_length, char *host,
                                    size_t host_size, char *port,
                                    size_t port_size);

/*
 * Waits until @p fd is ready for @p events or @p timeout passes; EINTR does
 * not shorten the wait. A negative timeout is zero, an invalid one forever.
 * @returns AVS_OK when ready, AVS_ETIMEDOUT, or the poll() error. Does not log.
 */
avs_error_t tern_posix_wait(int fd, short events, avs_time_duration_t timeout);

/* --- posix_info.c: addresses and names of the endpoints --- */

avs_error_t tern_posix_get_interface_name(avs_net_socket_t *socket,
                                          avs_net_socket_interface_name_t *out);
avs_error_t tern_posix_get_remote_host(avs_net_socket_t *socket, char *out,
                                       size_t out_size);
avs_error_t tern_posix_get_remote_hostname(avs_net_socket_t *socket, char *out,
                                           size_t out_size);
avs_error_t tern_posix_get_remote_port(avs_net_socket_t *socket, char *out,
                                       size_t out_size);
avs_error_t tern_posix_get_local_host(avs_net_socket_t *socket, char *out,
                                      size_t out_size);
avs_error_t tern_posix_get_local_port(avs_net_socket_t *socket, char *out,
                                      size_t out_size);

/* --- posix_opts.c: options --- */

avs_error_t tern_posix_get_opt(avs_net_socket_t *socket,
                               avs_net_socket_opt_key_t key,
                               avs_net_socket_opt_value_t *out_value);
avs_error_t tern_posix_set_opt(avs_net_socket_t *socket,
                               avs_net_socket_opt_key_t key,
                               avs_net_socket_opt_value_t value);

/* Applies the configuration (DSCP, priority, reuse, device...) to a fresh
 * descriptor. Does not log; @p *out_what names the option that failed. */
avs_error_t tern_posix_configure_fd(const tern_posix_socket_t *sock, int fd,
                                    int family, const char **out_what);

/* --- posix_addr.c: addresses --- */

/* An IPv4-mapped IPv6 address becomes plain IPv4; others are copied. */
void tern_posix_addr_unmap(tern_posix_addr_t *out, const tern_posix_addr_t *in);

/* IPv4 becomes IPv4-mapped IPv6; others are copied. */
void tern_posix_addr_map(tern_posix_addr_t *out, const tern_posix_addr_t *in);

/* Same family and IP address (port ignored), looking through v4-mapping. */
bool tern_posix_addr_same_ip(const tern_posix_addr_t *a,
                             const tern_posix_addr_t *b);

/*
 * Numeric host (v4-mapped shown as IPv4) and decimal port of @p addr; either
 * output may be NULL. AVS_ERANGE if a buffer is too small, AVS_EINVAL for an
 * unknown family. Does not log.
 */
avs_error_t tern_posix_addr_to_strings(const tern_posix_addr_t *addr,
                                       char *host, size_t host_size, char *port,
                                       size_t port_size);

/* Reads an endpoint this layer wrote; AVS_EINVAL for any other format. */
avs_error_t tern_posix_addr_from_endpoint(tern_posix_addr_t *out,
                                          const avs_net_resolved_endpoint_t *e);

/* Stores @p addr into @p out in this layer's endpoint format. */
void tern_posix_addr_to_endpoint(avs_net_resolved_endpoint_t *out,
                                 const tern_posix_addr_t *addr);

/*
 * Resolves like avs_net_addrinfo_resolve_ex() but reports why it failed:
 * AVS_EADDRNOTAVAIL when the name does not resolve, AVS_EINVAL for a bad
 * port, AVS_ENOMEM. Logs the cause on failure.
 */
avs_error_t tern_posix_resolve(avs_net_addrinfo_t **out,
                               avs_net_socket_type_t type, avs_net_af_t family,
                               const char *host, const char *port, int flags,
                               const avs_net_resolved_endpoint_t *preferred);

/* Moves results of @p family to the front, keeping the relative order, but
 * never ahead of a result that matched the preferred endpoint. */
void tern_posix_addrinfo_prefer_family(avs_net_addrinfo_t *ctx, int family);

/* Number of results and direct access to one (no iteration state). */
size_t tern_posix_addrinfo_count(const avs_net_addrinfo_t *ctx);
const tern_posix_addr_t *tern_posix_addrinfo_get(const avs_net_addrinfo_t *ctx,
                                                 size_t index);

/* AF_INET / AF_INET6 / AF_UNSPEC for an avs_net_af_t. */
int tern_posix_af_to_system(avs_net_af_t af);

#endif /* TERN_NET_POSIX_SOCKET_H */
