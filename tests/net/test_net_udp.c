/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The POSIX layer's UDP sockets over loopback: lifecycle and states,
 * addresses, truncation, MTU, counters and the configuration options.
 */
/* SO_PRIORITY and SO_BINDTODEVICE, to read the options back. */
#define _DEFAULT_SOURCE

#include "net_test_util.h"
#include "tern_test.h"

static avs_net_socket_t *udp_new(const avs_net_socket_configuration_t *cfg) {
    avs_net_socket_t *s = NULL;
    if (avs_is_err(avs_net_udp_socket_create(&s, cfg))) {
        return NULL;
    }
    return s;
}

static avs_net_af_t addr_family(avs_net_socket_t *s) {
    avs_net_socket_opt_value_t value;
    value.addr_family = (avs_net_af_t) -1;
    avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_ADDR_FAMILY, &value);
    return value.addr_family;
}

static int get_int_opt(avs_net_socket_t *s, avs_net_socket_opt_key_t key) {
    avs_net_socket_opt_value_t value;
    value.mtu = -12345;
    avs_net_socket_get_opt(s, key, &value);
    return value.mtu;
}

/* Sends @p msg and expects it back within 2 s. 0 on success. */
static int round_trip(avs_net_socket_t *s, const char *msg) {
    char buf[256];
    size_t n = 0;
    if (avs_is_err(nt_set_timeout_ms(s, 2000)) ||
        avs_is_err(avs_net_socket_send(s, msg, strlen(msg))) ||
        avs_is_err(avs_net_socket_receive(s, &n, buf, sizeof(buf)))) {
        return -1;
    }
    return n == strlen(msg) && memcmp(buf, msg, n) == 0 ? 0 : -1;
}

static void test_descriptor_is_created_lazily(void) {
    avs_net_socket_t *s = udp_new(NULL);
    TT_CHECK(s);
    TT_CHECK(avs_net_socket_get_system(s) == NULL);
    TT_EQ(nt_state(s), AVS_NET_SOCKET_STATE_CLOSED);
    TT_EQ(addr_family(s), AVS_NET_AF_UNSPEC);
    char buf[16];
    TT_ERRNO(avs_net_socket_get_local_port(s, buf, sizeof(buf)), AVS_EBADF);
    TT_ERRNO(avs_net_socket_send(s, "x", 1), AVS_EBADF);
    size_t n = 1;
    TT_ERRNO(avs_net_socket_receive(s, &n, buf, sizeof(buf)), AVS_EBADF);
    TT_EQ(n, 0);

    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, "127.0.0.1") == 0);
    avs_error_t err = avs_net_socket_connect(s, "127.0.0.1", echo.port);
    const int *fd = (const int *) avs_net_socket_get_system(s);
    int ok = fd && *fd >= 0 && round_trip(s, "lazy") == 0 &&
             avs_net_socket_get_system(s) == fd;
    nt_udp_echo_stop(&echo);
    avs_net_socket_cleanup(&s);
    TT_OK(err);
    TT_CHECK(ok);
}

static void echo_over(const char *host, avs_net_af_t expected_family) {
    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, host) == 0);
    avs_net_socket_t *s = udp_new(NULL);
    avs_error_t err = avs_net_socket_connect(s, host, echo.port);
    int rt = round_trip(s, "hello over loopback");
    avs_net_socket_state_t state = nt_state(s);
    avs_net_af_t family = addr_family(s);
    nt_udp_echo_stop(&echo);
    avs_net_socket_cleanup(&s);
    TT_OK(err);
    TT_EQ(rt, 0);
    TT_EQ(state, AVS_NET_SOCKET_STATE_CONNECTED);
    TT_EQ(family, expected_family);
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

static void test_host_name(void) {
    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, "127.0.0.1") == 0);
    /* "localhost" may also name ::1, where nothing listens here. */
    avs_net_socket_configuration_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.address_family = AVS_NET_AF_INET4;
    avs_net_socket_t *s = udp_new(&cfg);
    avs_error_t err = avs_net_socket_connect(s, "localhost", echo.port);
    int rt = round_trip(s, "by name");
    char hostname[32] = "", host[64] = "";
    avs_net_socket_get_remote_hostname(s, hostname, sizeof(hostname));
    avs_net_socket_get_remote_host(s, host, sizeof(host));
    nt_udp_echo_stop(&echo);
    avs_net_socket_cleanup(&s);
    TT_OK(err);
    TT_EQ(rt, 0);
    TT_STREQ(hostname, "localhost");
    TT_STREQ(host, "127.0.0.1");
}

static void test_dns_failure(void) {
    avs_net_socket_t *s = udp_new(NULL);
    TT_ERRNO(avs_net_socket_connect(s, "no-such-host.tern.invalid", "5683"),
             AVS_EADDRNOTAVAIL);
    TT_EQ(nt_state(s), AVS_NET_SOCKET_STATE_CLOSED);
    TT_CHECK(avs_net_socket_get_system(s) == NULL);
    TT_ERRNO(avs_net_socket_bind(s, "no-such-host.tern.invalid", "0"),
             AVS_EADDRNOTAVAIL);
    TT_EQ(nt_state(s), AVS_NET_SOCKET_STATE_CLOSED);
    avs_net_socket_cleanup(&s);
}

static void test_bind_wildcard_and_reuse(void) {
    avs_net_socket_configuration_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.reuse_addr = 1;
    avs_net_socket_t *a = udp_new(&cfg);
    avs_net_socket_t *b = udp_new(&cfg);
    avs_net_socket_t *c = udp_new(NULL);
    char port[8] = "", port_b[8] = "";
    avs_error_t err_a = avs_net_socket_bind(a, NULL, "0");
    avs_net_socket_get_local_port(a, port, sizeof(port));
    avs_error_t err_b = avs_net_socket_bind(b, NULL, port);
    avs_net_socket_get_local_port(b, port_b, sizeof(port_b));
    avs_error_t err_c = avs_net_socket_bind(c, NULL, port);
    avs_net_socket_state_t state_a = nt_state(a), state_b = nt_state(b),
                           state_c = nt_state(c);
    const void *sys_c = avs_net_socket_get_system(c);
    avs_net_socket_cleanup(&a);
    avs_net_socket_cleanup(&b);
    avs_net_socket_cleanup(&c);
    TT_OK(err_a);
    TT_CHECK(strcmp(port, "0") != 0 && port[0]);
    TT_OK(err_b);
    TT_STREQ(port_b, port);
    TT_EQ(state_a, AVS_NET_SOCKET_STATE_BOUND);
    TT_EQ(state_b, AVS_NET_SOCKET_STATE_BOUND);
    /* Without reuse_addr the port is taken, and a failed bind leaves no
     * descriptor behind. */
    TT_ERRNO(err_c, AVS_EADDRINUSE);
    TT_EQ(state_c, AVS_NET_SOCKET_STATE_CLOSED);
    TT_CHECK(sys_c == NULL);
}

static void test_family_kept_after_bind(void) {
    if (!nt_ipv6_available()) {
        return;
    }
    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, "127.0.0.1") == 0);
    avs_net_socket_t *s = udp_new(NULL);
    avs_error_t bind_err = avs_net_socket_bind(s, "::", "0");
    char bound_port[8] = "", port_after[8] = "", host[64] = "";
    avs_net_socket_get_local_port(s, bound_port, sizeof(bound_port));
    avs_net_af_t family_bound = addr_family(s);
    /* IPv4 peer, IPv6 descriptor: reached through a v4-mapped address. */
    avs_error_t conn_err = avs_net_socket_connect(s, "127.0.0.1", echo.port);
    int rt = round_trip(s, "mapped");
    avs_net_af_t family_connected = addr_family(s);
    avs_net_socket_get_local_port(s, port_after, sizeof(port_after));
    avs_net_socket_get_remote_host(s, host, sizeof(host));
    nt_udp_echo_stop(&echo);
    avs_net_socket_cleanup(&s);
    TT_OK(bind_err);
    TT_EQ(family_bound, AVS_NET_AF_INET6);
    TT_OK(conn_err);
    TT_EQ(rt, 0);
    TT_EQ(family_connected, AVS_NET_AF_INET6);
    TT_STREQ(port_after, bound_port);
    TT_STREQ(host, "127.0.0.1");

    /* The other way round cannot work: an IPv4 descriptor never reaches
     * an IPv6 peer, and the socket stays as it was. */
    s = udp_new(NULL);
    TT_OK(avs_net_socket_bind(s, "0.0.0.0", "0"));
    TT_EQ(addr_family(s), AVS_NET_AF_INET4);
    avs_error_t err = avs_net_socket_connect(s, "::1", "5683");
    avs_net_socket_state_t state = nt_state(s);
    avs_net_socket_cleanup(&s);
    TT_CHECK(avs_is_err(err));
    TT_EQ(state, AVS_NET_SOCKET_STATE_BOUND);
}

static void test_wildcard_bind_reaches_both_families(void) {
    if (!nt_ipv6_available()) {
        return;
    }
    nt_udp_echo_t echo4, echo6;
    TT_CHECK(nt_udp_echo_start(&echo4, "127.0.0.1") == 0);
    if (nt_udp_echo_start(&echo6, "::1")) {
        nt_udp_echo_stop(&echo4);
        TT_CHECK(!"IPv6 echo");
    }
    avs_net_socket_t *s4 = udp_new(NULL), *s6 = udp_new(NULL);
    avs_error_t e1 = avs_net_socket_bind(s4, NULL, "0");
    avs_error_t e2 = avs_net_socket_connect(s4, "127.0.0.1", echo4.port);
    int rt4 = round_trip(s4, "v4");
    avs_error_t e3 = avs_net_socket_bind(s6, NULL, "0");
    avs_error_t e4 = avs_net_socket_connect(s6, "::1", echo6.port);
    int rt6 = round_trip(s6, "v6");
    nt_udp_echo_stop(&echo4);
    nt_udp_echo_stop(&echo6);
    avs_net_socket_cleanup(&s4);
    avs_net_socket_cleanup(&s6);
    TT_OK(e1);
    TT_OK(e2);
    TT_EQ(rt4, 0);
    TT_OK(e3);
    TT_OK(e4);
    TT_EQ(rt6, 0);
}

static void test_states(void) {
    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, "127.0.0.1") == 0);
    avs_net_socket_t *s = udp_new(NULL);
    avs_net_socket_state_t states[8];
    avs_error_t errs[8];
    char host[64] = "", port[8] = "", local[8] = "";
    const void *sys_after_shutdown, *sys_after_close;

    errs[0] = avs_net_socket_shutdown(s);
    states[0] = nt_state(s);
    errs[1] = avs_net_socket_bind(s, "127.0.0.1", "0");
    states[1] = nt_state(s);
    errs[2] = avs_net_socket_connect(s, "127.0.0.1", echo.port);
    states[2] = nt_state(s);
    errs[3] = avs_net_socket_shutdown(s);
    states[3] = nt_state(s);
    sys_after_shutdown = avs_net_socket_get_system(s);
    avs_error_t host_err =
            avs_net_socket_get_remote_host(s, host, sizeof(host));
    avs_error_t port_err =
            avs_net_socket_get_remote_port(s, port, sizeof(port));
    avs_error_t local_err =
            avs_net_socket_get_local_port(s, local, sizeof(local));
    avs_error_t send_err = avs_net_socket_send(s, "x", 1);
    errs[4] = avs_net_socket_close(s);
    states[4] = nt_state(s);
    sys_after_close = avs_net_socket_get_system(s);
    errs[5] = avs_net_socket_close(s);
    errs[6] = avs_net_socket_connect(s, "127.0.0.1", echo.port);
    states[6] = nt_state(s);
    errs[7] = avs_net_socket_shutdown(s);
    /* Connecting again after a shutdown starts from a fresh descriptor. */
    avs_error_t reconnect_err =
            avs_net_socket_connect(s, "127.0.0.1", echo.port);
    avs_net_socket_state_t state_reconnected = nt_state(s);
    int rt = round_trip(s, "after shutdown");
    nt_udp_echo_stop(&echo);
    avs_net_socket_cleanup(&s);

    TT_ERRNO(errs[0], AVS_EBADF);
    TT_EQ(states[0], AVS_NET_SOCKET_STATE_CLOSED);
    TT_OK(errs[1]);
    TT_EQ(states[1], AVS_NET_SOCKET_STATE_BOUND);
    TT_OK(errs[2]);
    TT_EQ(states[2], AVS_NET_SOCKET_STATE_CONNECTED);
    TT_OK(errs[3]);
    TT_EQ(states[3], AVS_NET_SOCKET_STATE_SHUTDOWN);
    TT_CHECK(sys_after_shutdown != NULL);
    TT_OK(host_err);
    TT_STREQ(host, "127.0.0.1");
    TT_OK(port_err);
    TT_STREQ(port, echo.port);
    TT_OK(local_err);
    TT_CHECK(avs_is_err(send_err));
    TT_OK(errs[4]);
    TT_EQ(states[4], AVS_NET_SOCKET_STATE_CLOSED);
    TT_CHECK(sys_after_close == NULL);
    TT_OK(errs[5]);
    TT_OK(errs[6]);
    TT_EQ(states[6], AVS_NET_SOCKET_STATE_CONNECTED);
    TT_OK(errs[7]);
    TT_OK(reconnect_err);
    TT_EQ(state_reconnected, AVS_NET_SOCKET_STATE_CONNECTED);
    TT_EQ(rt, 0);
}

/* A plain peer and a connected socket talking to it. */
typedef struct {
    int peer_fd;
    struct sockaddr_storage sock_addr;
    socklen_t sock_addr_len;
    avs_net_socket_t *s;
} pair_t;

static int pair_open(pair_t *p, const char *host) {
    memset(p, 0, sizeof(*p));
    p->peer_fd = nt_bound_socket(SOCK_DGRAM, host, 0);
    if (p->peer_fd < 0) {
        return -1;
    }
    char port[8], local[8];
    snprintf(port, sizeof(port), "%u", nt_fd_port(p->peer_fd));
    p->s = udp_new(NULL);
    if (!p->s || avs_is_err(avs_net_socket_connect(p->s, host, port)) ||
        avs_is_err(avs_net_socket_get_local_port(p->s, local, sizeof(local)))) {
        return -1;
    }
    return nt_make_addr(&p->sock_addr, &p->sock_addr_len, host,
                        (unsigned) atoi(local));
}

static void pair_close(pair_t *p) {
    avs_net_socket_cleanup(&p->s);
    if (p->peer_fd >= 0) {
        close(p->peer_fd);
    }
}

static int pair_peer_send(pair_t *p, const void *data, size_t len) {
    return sendto(p->peer_fd, data, len, 0, (struct sockaddr *) &p->sock_addr,
                  p->sock_addr_len) == (ssize_t) len
                   ? 0
                   : -1;
}

static void test_truncation_and_exact_fit(void) {
    pair_t p;
    TT_CHECK(pair_open(&p, "127.0.0.1") == 0);
    char buf[8];
    size_t n = 0;
    pair_peer_send(&p, "0123456789", 10);
    pair_peer_send(&p, "abcdefgh", 8);
    pair_peer_send(&p, "", 0);
    nt_set_timeout_ms(p.s, 2000);
    avs_error_t trunc_err = avs_net_socket_receive(p.s, &n, buf, 5);
    size_t trunc_n = n;
    char trunc_data[5];
    memcpy(trunc_data, buf, 5);
    /* A datagram that fills the buffer exactly was not truncated. */
    avs_error_t exact_err = avs_net_socket_receive(p.s, &n, buf, 8);
    size_t exact_n = n;
    char exact_data[8];
    memcpy(exact_data, buf, 8);
    n = 99;
    avs_error_t empty_err = avs_net_socket_receive(p.s, &n, buf, 8);
    size_t empty_n = n;
    pair_close(&p);
    TT_ERRNO(trunc_err, AVS_EMSGSIZE);
    TT_EQ(trunc_n, 5);
    TT_CHECK(memcmp(trunc_data, "01234", 5) == 0);
    TT_OK(exact_err);
    TT_EQ(exact_n, 8);
    TT_CHECK(memcmp(exact_data, "abcdefgh", 8) == 0);
    TT_OK(empty_err);
    TT_EQ(empty_n, 0);
}

static void test_endpoint_info(void) {
    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, "127.0.0.1") == 0);
    avs_net_socket_t *s = udp_new(NULL);
    char host[64] = "", port[8] = "", name[64] = "", lhost[64] = "",
         lport[8] = "", tiny[4];
    avs_error_t before = avs_net_socket_get_remote_host(s, host, sizeof(host));
    avs_error_t before_name =
            avs_net_socket_get_remote_hostname(s, name, sizeof(name));
    avs_error_t conn = avs_net_socket_connect(s, "127.0.0.1", echo.port);
    avs_error_t e1 = avs_net_socket_get_remote_host(s, host, sizeof(host));
    avs_error_t e2 = avs_net_socket_get_remote_port(s, port, sizeof(port));
    avs_error_t e3 = avs_net_socket_get_remote_hostname(s, name, sizeof(name));
    avs_error_t e4 = avs_net_socket_get_local_host(s, lhost, sizeof(lhost));
    avs_error_t e5 = avs_net_socket_get_local_port(s, lport, sizeof(lport));
    avs_error_t small_host = avs_net_socket_get_remote_host(s, tiny, 4);
    avs_error_t small_name = avs_net_socket_get_remote_hostname(s, tiny, 4);
    int fd = nt_system_fd(s);
    unsigned real_port = fd >= 0 ? nt_fd_port(fd) : 0;
    nt_udp_echo_stop(&echo);
    avs_net_socket_cleanup(&s);
    TT_ERRNO(before, AVS_ENOTCONN);
    TT_CHECK(avs_is_err(before_name));
    TT_OK(conn);
    TT_OK(e1);
    TT_STREQ(host, "127.0.0.1");
    TT_OK(e2);
    TT_STREQ(port, echo.port);
    TT_OK(e3);
    TT_STREQ(name, "127.0.0.1");
    TT_OK(e4);
    TT_STREQ(lhost, "127.0.0.1");
    TT_OK(e5);
    TT_EQ(atoi(lport), real_port);
    TT_CHECK(avs_is_err(small_host));
    TT_CHECK(avs_is_err(small_name));
}

static void test_mtu(void) {
    avs_net_socket_configuration_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.address_family = AVS_NET_AF_INET4;
    avs_net_socket_t *s = udp_new(&cfg);
    /* Nothing known yet: Ethernet, minus IPv4 and UDP headers. */
    TT_EQ(get_int_opt(s, AVS_NET_SOCKET_OPT_MTU), 1500);
    TT_EQ(get_int_opt(s, AVS_NET_SOCKET_OPT_INNER_MTU), 1472);
    avs_net_socket_cleanup(&s);
    s = udp_new(NULL);
    /* Family unknown: the larger IPv6 header is assumed. */
    TT_EQ(get_int_opt(s, AVS_NET_SOCKET_OPT_INNER_MTU), 1452);
    avs_net_socket_cleanup(&s);

    /* Connected: the kernel's path MTU (loopback's is large). */
    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, "127.0.0.1") == 0);
    s = udp_new(NULL);
    avs_error_t err = avs_net_socket_connect(s, "127.0.0.1", echo.port);
    int mtu = get_int_opt(s, AVS_NET_SOCKET_OPT_MTU);
    int inner = get_int_opt(s, AVS_NET_SOCKET_OPT_INNER_MTU);
    /* A datagram of exactly INNER_MTU bytes goes through. */
    static char big[70000];
    memset(big, 'm', sizeof(big));
    avs_error_t send_err = inner > 0 && inner <= (int) sizeof(big)
                                   ? avs_net_socket_send(s, big, (size_t) inner)
                                   : avs_errno(AVS_EINVAL);
    size_t n = 0;
    nt_set_timeout_ms(s, 2000);
    avs_error_t recv_err = avs_net_socket_receive(s, &n, big, sizeof(big));
    avs_error_t too_big = avs_net_socket_send(s, big, 70000);
    nt_udp_echo_stop(&echo);
    avs_net_socket_cleanup(&s);
    TT_OK(err);
    TT_CHECK(mtu >= 1280);
    TT_EQ(inner, (mtu > 65535 ? 65535 : mtu) - 28);
    TT_OK(send_err);
    TT_OK(recv_err);
    TT_EQ(n, inner);
    TT_ERRNO(too_big, AVS_EMSGSIZE);

    cfg.address_family = AVS_NET_AF_UNSPEC;
    cfg.forced_mtu = 1000;
    s = udp_new(&cfg);
    TT_CHECK(nt_udp_echo_start(&echo, "127.0.0.1") == 0);
    err = avs_net_socket_connect(s, "127.0.0.1", echo.port);
    mtu = get_int_opt(s, AVS_NET_SOCKET_OPT_MTU);
    inner = get_int_opt(s, AVS_NET_SOCKET_OPT_INNER_MTU);
    nt_udp_echo_stop(&echo);
    avs_net_socket_cleanup(&s);
    TT_OK(err);
    TT_EQ(mtu, 1000);
    TT_EQ(inner, 972);
}

static void test_byte_counters(void) {
    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, "127.0.0.1") == 0);
    avs_net_socket_t *s = udp_new(NULL);
    avs_error_t err = avs_net_socket_connect(s, "127.0.0.1", echo.port);
    int rts = round_trip(s, "0123456789") +
              round_trip(s, "01234567890123456789") +
              round_trip(s, "012345678901234567890123456789");
    avs_net_socket_opt_value_t sent, received;
    avs_error_t e1 =
            avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_BYTES_SENT, &sent);
    avs_error_t e2 = avs_net_socket_get_opt(
            s, AVS_NET_SOCKET_OPT_BYTES_RECEIVED, &received);
    nt_udp_echo_stop(&echo);
    avs_net_socket_cleanup(&s);
    TT_OK(err);
    TT_EQ(rts, 0);
    TT_OK(e1);
    TT_OK(e2);
    TT_EQ(sent.bytes_sent, 60);
    TT_EQ(received.bytes_received, 60);
}

static void send_to_receive_from(const char *host) {
    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, host) == 0);
    avs_net_socket_t *s = udp_new(NULL);
    avs_error_t e1 = avs_net_socket_send_to(s, "to", 2, host, echo.port);
    avs_net_socket_state_t state = nt_state(s);
    nt_set_timeout_ms(s, 2000);
    char buf[16], from_host[64] = "", from_port[8] = "";
    size_t n = 0;
    avs_error_t e2 = avs_net_socket_receive_from(s, &n, buf, sizeof(buf),
                                                 from_host, sizeof(from_host),
                                                 from_port, sizeof(from_port));
    nt_udp_echo_stop(&echo);
    avs_net_socket_cleanup(&s);
    TT_OK(e1);
    TT_EQ(state, AVS_NET_SOCKET_STATE_BOUND);
    TT_OK(e2);
    TT_EQ(n, 2);
    TT_CHECK(memcmp(buf, "to", 2) == 0);
    TT_STREQ(from_host, host);
    TT_STREQ(from_port, echo.port);
}

static void test_send_to_receive_from_ipv4(void) {
    send_to_receive_from("127.0.0.1");
}

static void test_send_to_receive_from_ipv6(void) {
    if (!nt_ipv6_available()) {
        return;
    }
    send_to_receive_from("::1");
}

static void test_configured_options(void) {
    avs_net_socket_configuration_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.dscp = 64;
    avs_net_socket_t *s = NULL;
    TT_ERRNO(avs_net_udp_socket_create(&s, &cfg), AVS_EINVAL);
    TT_CHECK(s == NULL);

    cfg.dscp = 46;
    cfg.priority = 3;
    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, "127.0.0.1") == 0);
    s = udp_new(&cfg);
    avs_error_t err = avs_net_socket_connect(s, "127.0.0.1", echo.port);
    int rt = round_trip(s, "marked");
    int fd = nt_system_fd(s);
    int tos = -1, prio = -1;
    socklen_t len = sizeof(tos);
    getsockopt(fd, IPPROTO_IP, IP_TOS, &tos, &len);
    len = sizeof(prio);
    getsockopt(fd, SOL_SOCKET, SO_PRIORITY, &prio, &len);
    avs_net_socket_cleanup(&s);

    /* Without a configured device the interface is found from the local
     * address. */
    s = udp_new(NULL);
    avs_error_t err2 = avs_net_socket_connect(s, "127.0.0.1", echo.port);
    avs_net_socket_interface_name_t ifname = "";
    avs_error_t if_err = avs_net_socket_interface_name(s, &ifname);
    avs_net_socket_cleanup(&s);
    nt_udp_echo_stop(&echo);
    TT_OK(err);
    TT_EQ(rt, 0);
    TT_EQ(tos, 46 << 2);
    TT_EQ(prio, 3);
    TT_OK(err2);
    TT_OK(if_err);
    TT_STREQ(ifname, "lo");
}

static void test_bind_to_device(void) {
    avs_net_socket_configuration_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    strcpy(cfg.interface_name, "lo");
    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, "127.0.0.1") == 0);
    avs_net_socket_t *s = udp_new(&cfg);
    avs_error_t err = avs_net_socket_connect(s, "127.0.0.1", echo.port);
    if (err.category == AVS_ERRNO_CATEGORY && err.code == AVS_EPERM) {
        /* Kernels before 5.7 want CAP_NET_RAW for it. */
        printf("     (SO_BINDTODEVICE refused without privileges)\n");
        TT_EQ(nt_state(s), AVS_NET_SOCKET_STATE_CLOSED);
        avs_net_socket_cleanup(&s);
        nt_udp_echo_stop(&echo);
        return;
    }
    int rt = round_trip(s, "on lo");
    char dev[IF_NAMESIZE] = "";
    socklen_t len = sizeof(dev);
    getsockopt(nt_system_fd(s), SOL_SOCKET, SO_BINDTODEVICE, dev, &len);
    avs_net_socket_interface_name_t ifname = "";
    avs_error_t if_err = avs_net_socket_interface_name(s, &ifname);
    avs_net_socket_cleanup(&s);
    nt_udp_echo_stop(&echo);
    TT_OK(err);
    TT_EQ(rt, 0);
    TT_STREQ(dev, "lo");
    TT_OK(if_err);
    TT_STREQ(ifname, "lo");
}

static void test_ipv6_traffic_class(void) {
    if (!nt_ipv6_available()) {
        return;
    }
    avs_net_socket_configuration_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.dscp = 10;
    nt_udp_echo_t echo;
    TT_CHECK(nt_udp_echo_start(&echo, "::1") == 0);
    avs_net_socket_t *s = udp_new(&cfg);
    avs_error_t err = avs_net_socket_connect(s, "::1", echo.port);
    int rt = round_trip(s, "classed");
    int tclass = -1;
    socklen_t len = sizeof(tclass);
    getsockopt(nt_system_fd(s), IPPROTO_IPV6, IPV6_TCLASS, &tclass, &len);
    nt_udp_echo_stop(&echo);
    avs_net_socket_cleanup(&s);
    TT_OK(err);
    TT_EQ(rt, 0);
    TT_EQ(tclass, 10 << 2);
}

static void test_transparent_option(void) {
    avs_net_socket_configuration_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.transparent = 1;
    avs_net_socket_t *s = udp_new(&cfg);
    avs_error_t err = avs_net_socket_bind(s, "127.0.0.1", "0");
    if (err.category == AVS_ERRNO_CATEGORY &&
        (err.code == AVS_EPERM || err.code == AVS_EACCES)) {
        /* Needs CAP_NET_ADMIN; what can be checked is that the failure
         * left no descriptor behind. */
        printf("     (IP_TRANSPARENT refused without privileges)\n");
        TT_EQ(nt_state(s), AVS_NET_SOCKET_STATE_CLOSED);
        avs_net_socket_cleanup(&s);
        return;
    }
    int value = -1;
    socklen_t len = sizeof(value);
    getsockopt(nt_system_fd(s), IPPROTO_IP, IP_TRANSPARENT, &value, &len);
    avs_net_socket_cleanup(&s);
    TT_OK(err);
    TT_EQ(value, 1);
}

static void test_other_options(void) {
    avs_net_socket_t *s = udp_new(NULL);
    avs_net_socket_opt_value_t value;
    memset(&value, 0, sizeof(value));
    value.flag = true;
    TT_OK(avs_net_socket_get_opt(s, AVS_NET_SOCKET_HAS_BUFFERED_DATA, &value));
    TT_CHECK(!value.flag);
    TT_ERRNO(avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_SESSION_RESUMED,
                                    &value),
             AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_CONNECTION_ID_RESUMED,
                                    &value),
             AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_set_opt(s, AVS_NET_SOCKET_OPT_STATE, value),
             AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_set_opt(
                     s, AVS_NET_SOCKET_OPT_DTLS_HANDSHAKE_TIMEOUTS, value),
             AVS_ENOTSUP);

    TT_OK(avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_PREFERRED_ADDR_FAMILY,
                                 &value));
    TT_EQ(value.addr_family, AVS_NET_AF_UNSPEC);
    value.addr_family = AVS_NET_AF_INET6;
    TT_OK(avs_net_socket_set_opt(s, AVS_NET_SOCKET_OPT_PREFERRED_ADDR_FAMILY,
                                 value));
    value.addr_family = AVS_NET_AF_INET4;
    TT_OK(avs_net_socket_set_opt(s, AVS_NET_SOCKET_OPT_FORCED_ADDR_FAMILY,
                                 value));
    value.addr_family = AVS_NET_AF_UNSPEC;
    TT_OK(avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_PREFERRED_ADDR_FAMILY,
                                 &value));
    TT_EQ(value.addr_family, AVS_NET_AF_INET6);
    TT_OK(avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_FORCED_ADDR_FAMILY,
                                 &value));
    TT_EQ(value.addr_family, AVS_NET_AF_INET4);
    value.addr_family = (avs_net_af_t) 42;
    TT_ERRNO(avs_net_socket_set_opt(s, AVS_NET_SOCKET_OPT_FORCED_ADDR_FAMILY,
                                    value),
             AVS_EINVAL);
    /* Forced IPv4: an IPv6 literal does not resolve. */
    TT_ERRNO(avs_net_socket_connect(s, "::1", "5683"), AVS_EADDRNOTAVAIL);
    value.addr_family = AVS_NET_AF_INET6;
    TT_OK(avs_net_socket_set_opt(s, AVS_NET_SOCKET_OPT_FORCED_ADDR_FAMILY,
                                 value));
    TT_ERRNO(avs_net_socket_connect(s, "127.0.0.1", "5683"), AVS_EADDRNOTAVAIL);
    avs_net_socket_cleanup(&s);
}

int main(void) {
    TT_RUN(test_descriptor_is_created_lazily);
    TT_RUN(test_echo_ipv4);
    TT_RUN(test_echo_ipv6);
    TT_RUN(test_host_name);
    TT_RUN(test_dns_failure);
    TT_RUN(test_bind_wildcard_and_reuse);
    TT_RUN(test_family_kept_after_bind);
    TT_RUN(test_wildcard_bind_reaches_both_families);
    TT_RUN(test_states);
    TT_RUN(test_truncation_and_exact_fit);
    TT_RUN(test_endpoint_info);
    TT_RUN(test_mtu);
    TT_RUN(test_byte_counters);
    TT_RUN(test_send_to_receive_from_ipv4);
    TT_RUN(test_send_to_receive_from_ipv6);
    TT_RUN(test_configured_options);
    TT_RUN(test_bind_to_device);
    TT_RUN(test_ipv6_traffic_class);
    TT_RUN(test_transparent_option);
    TT_RUN(test_other_options);
    return TT_SUMMARY();
}
