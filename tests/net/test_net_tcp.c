/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The POSIX layer's TCP sockets over loopback: connect and accept, stream
 * semantics, large writes against a slow reader, a closed peer, and SIGPIPE.
 */
#include "net_test_util.h"
#include "tern_test.h"

static avs_net_socket_t *tcp_new(void) {
    avs_net_socket_t *s = NULL;
    if (avs_is_err(avs_net_tcp_socket_create(&s, NULL))) {
        return NULL;
    }
    return s;
}

/* A plain listening peer; its thread runs @p body on the first connection. */
typedef struct tcp_peer tcp_peer_t;
struct tcp_peer {
    int listen_fd;
    int conn_fd;
    char port[8];
    pthread_t thread;
    void (*body)(tcp_peer_t *);
    /* Free for the body's use. */
    size_t count;
    int failed;
};

static void *tcp_peer_main(void *arg) {
    tcp_peer_t *peer = (tcp_peer_t *) arg;
    peer->conn_fd = -1;
    if (nt_readable(peer->listen_fd, 5000)) {
        peer->conn_fd = accept(peer->listen_fd, NULL, NULL);
    }
    if (peer->conn_fd < 0) {
        peer->failed = 1;
        return NULL;
    }
    peer->body(peer);
    close(peer->conn_fd);
    return NULL;
}

static int tcp_peer_start(tcp_peer_t *peer, const char *host,
                          void (*body)(tcp_peer_t *)) {
    memset(peer, 0, sizeof(*peer));
    peer->body = body;
    peer->listen_fd = nt_bound_socket(SOCK_STREAM, host, 0);
    if (peer->listen_fd < 0) {
        return -1;
    }
    snprintf(peer->port, sizeof(peer->port), "%u", nt_fd_port(peer->listen_fd));
    if (pthread_create(&peer->thread, NULL, tcp_peer_main, peer)) {
        close(peer->listen_fd);
        return -1;
    }
    return 0;
}

static void tcp_peer_join(tcp_peer_t *peer) {
    pthread_join(peer->thread, NULL);
    close(peer->listen_fd);
}

/* Echoes until the other side closes. */
static void echo_body(tcp_peer_t *peer) {
    char buf[4096];
    while (nt_readable(peer->conn_fd, 5000)) {
        ssize_t n = recv(peer->conn_fd, buf, sizeof(buf), 0);
        if (n <= 0 || send(peer->conn_fd, buf, (size_t) n, 0) != n) {
            return;
        }
    }
}

/* Receives exactly @p len bytes; 0 on success. */
static int recv_all(avs_net_socket_t *s, char *buf, size_t len) {
    size_t done = 0;
    while (done < len) {
        size_t n = 0;
        if (avs_is_err(avs_net_socket_receive(s, &n, buf + done, len - done)) ||
            n == 0) {
            return -1;
        }
        done += n;
    }
    return 0;
}

static void echo_over(const char *host, avs_net_af_t family) {
    tcp_peer_t peer;
    TT_CHECK(tcp_peer_start(&peer, host, echo_body) == 0);
    avs_net_socket_t *s = tcp_new();
    nt_set_timeout_ms(s, 3000);
    avs_error_t err = avs_net_socket_connect(s, host, peer.port);
    avs_error_t send_err = avs_net_socket_send(s, "stream me", 9);
    char buf[16] = "";
    int rt = recv_all(s, buf, 9);
    avs_net_socket_opt_value_t state, af, inner, mtu;
    avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_STATE, &state);
    avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_ADDR_FAMILY, &af);
    avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_MTU, &mtu);
    avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_INNER_MTU, &inner);
    char remote[64] = "";
    avs_net_socket_get_remote_host(s, remote, sizeof(remote));
    avs_error_t again = avs_net_socket_connect(s, host, peer.port);
    avs_net_socket_cleanup(&s);
    tcp_peer_join(&peer);
    TT_OK(err);
    TT_OK(send_err);
    TT_EQ(rt, 0);
    TT_CHECK(memcmp(buf, "stream me", 9) == 0);
    TT_EQ(state.state, AVS_NET_SOCKET_STATE_CONNECTED);
    TT_EQ(af.addr_family, family);
    TT_STREQ(remote, host);
    int ip_tcp = family == AVS_NET_AF_INET4 ? 40 : 60;
    TT_EQ(inner.mtu, (mtu.mtu > 65535 ? 65535 : mtu.mtu) - ip_tcp);
    TT_ERRNO(again, AVS_EISCONN);
}

static void test_echo_ipv4(void) {
    echo_over("127.0.0.1", AVS_NET_AF_INET4);
}

static void test_echo_ipv6(void) {
    if (!nt_ipv6_available()) {
        return;
    }
    echo_over("::1", AVS_NET_AF_INET6);
}

static void test_connection_refused(void) {
    /* A port that was just free: bind, note, close. */
    int fd = nt_bound_socket(SOCK_STREAM, "127.0.0.1", 0);
    char port[8];
    snprintf(port, sizeof(port), "%u", nt_fd_port(fd));
    close(fd);
    avs_net_socket_t *s = tcp_new();
    TT_ERRNO(avs_net_socket_connect(s, "127.0.0.1", port), AVS_ECONNREFUSED);
    TT_EQ(nt_state(s), AVS_NET_SOCKET_STATE_CLOSED);
    TT_CHECK(avs_net_socket_get_system(s) == NULL);
    TT_ERRNO(avs_net_socket_connect(s, "no-such-host.tern.invalid", "80"),
             AVS_EADDRNOTAVAIL);
    avs_net_socket_cleanup(&s);
}

static void close_at_once_body(tcp_peer_t *peer) {
    (void) peer;
}

static void test_peer_close_reads_zero(void) {
    tcp_peer_t peer;
    TT_CHECK(tcp_peer_start(&peer, "127.0.0.1", close_at_once_body) == 0);
    avs_net_socket_t *s = tcp_new();
    nt_set_timeout_ms(s, 3000);
    avs_error_t err = avs_net_socket_connect(s, "127.0.0.1", peer.port);
    tcp_peer_join(&peer);
    char buf[16];
    size_t n = 99;
    avs_error_t recv_err = avs_net_socket_receive(s, &n, buf, sizeof(buf));
    avs_net_socket_cleanup(&s);
    TT_OK(err);
    TT_OK(recv_err);
    TT_EQ(n, 0);
}

static void test_no_sigpipe(void) {
    tcp_peer_t peer;
    TT_CHECK(tcp_peer_start(&peer, "127.0.0.1", close_at_once_body) == 0);
    avs_net_socket_t *s = tcp_new();
    avs_error_t err = avs_net_socket_connect(s, "127.0.0.1", peer.port);
    tcp_peer_join(&peer);
    /* The first write may still be accepted; the RST it provokes makes a
     * later one fail. Under the default SIGPIPE action a signal would end
     * the test right here. */
    avs_error_t send_err = AVS_OK;
    char chunk[1024];
    memset(chunk, 'p', sizeof(chunk));
    for (int i = 0; i < 100 && avs_is_ok(send_err); ++i) {
        send_err = avs_net_socket_send(s, chunk, sizeof(chunk));
        nt_sleep_ms(5);
    }
    avs_net_socket_cleanup(&s);
    TT_OK(err);
    TT_CHECK(avs_is_err(send_err));
    TT_CHECK(send_err.code == AVS_EPIPE || send_err.code == AVS_ECONNRESET);
}

#define BIG_SIZE (8 * 1024 * 1024)

static unsigned char pattern_at(size_t i) {
    return (unsigned char) ((i * 7 + i / 65536) & 0xff);
}

/* Reads slowly from a small receive buffer, checking every byte. */
static void slow_reader_body(tcp_peer_t *peer) {
    unsigned char buf[16384];
    while (peer->count < BIG_SIZE && nt_readable(peer->conn_fd, 5000)) {
        ssize_t n = recv(peer->conn_fd, buf, sizeof(buf), 0);
        if (n <= 0) {
            break;
        }
        for (ssize_t i = 0; i < n; ++i) {
            if (buf[i] != pattern_at(peer->count + (size_t) i)) {
                peer->failed = 1;
            }
        }
        peer->count += (size_t) n;
        if (peer->count < 1024 * 1024) {
            /* Slow at first, so that the sender's writes come up short. */
            nt_sleep_ms(2);
        }
    }
}

static void test_large_write_to_slow_reader(void) {
    tcp_peer_t peer;
    TT_CHECK(tcp_peer_start(&peer, "127.0.0.1", slow_reader_body) == 0);
    int small = 4096;
    /* Set on the listener, inherited by the accepted connection. */
    setsockopt(peer.listen_fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
    unsigned char *data = (unsigned char *) malloc(BIG_SIZE);
    TT_CHECK(data);
    for (size_t i = 0; i < BIG_SIZE; ++i) {
        data[i] = pattern_at(i);
    }
    avs_net_socket_t *s = tcp_new();
    avs_error_t err = avs_net_socket_connect(s, "127.0.0.1", peer.port);
    avs_error_t send_err = avs_net_socket_send(s, data, BIG_SIZE);
    avs_net_socket_opt_value_t sent;
    avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_BYTES_SENT, &sent);
    avs_net_socket_shutdown(s);
    tcp_peer_join(&peer);
    avs_net_socket_cleanup(&s);
    free(data);
    TT_OK(err);
    TT_OK(send_err);
    TT_EQ(sent.bytes_sent, BIG_SIZE);
    TT_EQ(peer.count, BIG_SIZE);
    TT_EQ(peer.failed, 0);
}

static void test_listen_and_accept(void) {
    avs_net_socket_t *server = tcp_new(), *client = tcp_new(),
                     *accepted = tcp_new();
    TT_OK(avs_net_socket_bind(server, "127.0.0.1", "0"));
    TT_EQ(nt_state(server), AVS_NET_SOCKET_STATE_BOUND);
    char port[8] = "";
    TT_OK(avs_net_socket_get_local_port(server, port, sizeof(port)));

    /* Nobody knocking: the server's receive timeout bounds the wait. */
    TT_OK(nt_set_timeout_ms(server, 100));
    TT_ERRNO(avs_net_socket_accept(server, accepted), AVS_ETIMEDOUT);
    TT_OK(nt_set_timeout_ms(server, 3000));

    TT_OK(avs_net_socket_connect(client, "127.0.0.1", port));
    TT_OK(avs_net_socket_accept(server, accepted));
    TT_EQ(nt_state(accepted), AVS_NET_SOCKET_STATE_ACCEPTED);
    char client_port[8] = "", seen_port[8] = "", seen_host[64] = "";
    TT_OK(avs_net_socket_get_local_port(client, client_port,
                                        sizeof(client_port)));
    TT_OK(avs_net_socket_get_remote_port(accepted, seen_port,
                                         sizeof(seen_port)));
    TT_OK(avs_net_socket_get_remote_host(accepted, seen_host,
                                         sizeof(seen_host)));
    TT_STREQ(seen_port, client_port);
    TT_STREQ(seen_host, "127.0.0.1");

    nt_set_timeout_ms(accepted, 3000);
    nt_set_timeout_ms(client, 3000);
    char buf[16] = "";
    TT_OK(avs_net_socket_send(client, "ping", 4));
    TT_CHECK(recv_all(accepted, buf, 4) == 0);
    TT_CHECK(memcmp(buf, "ping", 4) == 0);
    TT_OK(avs_net_socket_send(accepted, "pong", 4));
    TT_CHECK(recv_all(client, buf, 4) == 0);
    TT_CHECK(memcmp(buf, "pong", 4) == 0);

    /* The target must be a fresh socket. */
    TT_ERRNO(avs_net_socket_accept(server, accepted), AVS_EISCONN);

    size_t n = 99;
    TT_OK(avs_net_socket_close(client));
    TT_OK(avs_net_socket_receive(accepted, &n, buf, sizeof(buf)));
    TT_EQ(n, 0);
    avs_net_socket_cleanup(&server);
    avs_net_socket_cleanup(&client);
    avs_net_socket_cleanup(&accepted);
}

static void test_receive_from_on_stream(void) {
    tcp_peer_t peer;
    TT_CHECK(tcp_peer_start(&peer, "127.0.0.1", echo_body) == 0);
    avs_net_socket_t *s = tcp_new();
    nt_set_timeout_ms(s, 3000);
    avs_error_t err = avs_net_socket_connect(s, "127.0.0.1", peer.port);
    avs_net_socket_send(s, "abc", 3);
    char buf[8], host[64] = "", port[8] = "";
    size_t n = 0;
    avs_error_t recv_err = avs_net_socket_receive_from(
            s, &n, buf, sizeof(buf), host, sizeof(host), port, sizeof(port));
    avs_error_t send_to_err =
            avs_net_socket_send_to(s, "x", 1, "127.0.0.1", peer.port);
    avs_net_socket_cleanup(&s);
    tcp_peer_join(&peer);
    TT_OK(err);
    TT_OK(recv_err);
    TT_CHECK(n >= 1 && n <= 3);
    TT_STREQ(host, "127.0.0.1");
    TT_STREQ(port, peer.port);
    TT_ERRNO(send_to_err, AVS_ENOTSUP);
}

int main(void) {
    TT_RUN(test_echo_ipv4);
    TT_RUN(test_echo_ipv6);
    TT_RUN(test_connection_refused);
    TT_RUN(test_peer_close_reads_zero);
    TT_RUN(test_no_sigpipe);
    TT_RUN(test_large_write_to_slow_reader);
    TT_RUN(test_listen_and_accept);
    TT_RUN(test_receive_from_on_stream);
    return TT_SUMMARY();
}
