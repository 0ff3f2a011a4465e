/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The receive timeout: zero polls, negative is zero, a positive one is
 * honoured to the millisecond scale, an invalid one waits forever.
 */
#include "net_test_util.h"
#include "tern_test.h"

/* A socket connected to a silent plain peer. */
typedef struct {
    int peer_fd;
    avs_net_socket_t *s;
    struct sockaddr_storage sock_addr;
    socklen_t sock_addr_len;
} quiet_pair_t;

static int quiet_open(quiet_pair_t *p) {
    memset(p, 0, sizeof(*p));
    p->peer_fd = nt_bound_socket(SOCK_DGRAM, "127.0.0.1", 0);
    char port[8], local[8];
    snprintf(port, sizeof(port), "%u", nt_fd_port(p->peer_fd));
    if (p->peer_fd < 0 || avs_is_err(avs_net_udp_socket_create(&p->s, NULL)) ||
        avs_is_err(avs_net_socket_connect(p->s, "127.0.0.1", port)) ||
        avs_is_err(avs_net_socket_get_local_port(p->s, local, sizeof(local)))) {
        return -1;
    }
    return nt_make_addr(&p->sock_addr, &p->sock_addr_len, "127.0.0.1",
                        (unsigned) atoi(local));
}

static void quiet_close(quiet_pair_t *p) {
    avs_net_socket_cleanup(&p->s);
    close(p->peer_fd);
}

static avs_error_t set_timeout(avs_net_socket_t *s, avs_time_duration_t t) {
    avs_net_socket_opt_value_t value;
    value.recv_timeout = t;
    return avs_net_socket_set_opt(s, AVS_NET_SOCKET_OPT_RECV_TIMEOUT, value);
}

/* Receives once and reports the time it took. */
static avs_error_t timed_receive(avs_net_socket_t *s, int64_t *out_ms,
                                 size_t *out_n) {
    char buf[64];
    int64_t start = nt_now_ms();
    avs_error_t err = avs_net_socket_receive(s, out_n, buf, sizeof(buf));
    *out_ms = nt_now_ms() - start;
    return err;
}

static void test_zero_timeout_polls(void) {
    quiet_pair_t p;
    TT_CHECK(quiet_open(&p) == 0);
    set_timeout(p.s, AVS_TIME_DURATION_ZERO);
    int64_t ms;
    size_t n = 7;
    avs_error_t idle = timed_receive(p.s, &ms, &n);
    int64_t idle_ms = ms;
    size_t idle_n = n;
    /* With data waiting, a zero timeout still returns it. */
    sendto(p.peer_fd, "ready", 5, 0, (struct sockaddr *) &p.sock_addr,
           p.sock_addr_len);
    nt_sleep_ms(50);
    avs_error_t ready = timed_receive(p.s, &ms, &n);
    quiet_close(&p);
    TT_ERRNO(idle, AVS_ETIMEDOUT);
    TT_CHECK(idle_ms < 150);
    TT_EQ(idle_n, 0);
    TT_OK(ready);
    TT_EQ(n, 5);
}

static void test_negative_timeout_is_zero(void) {
    quiet_pair_t p;
    TT_CHECK(quiet_open(&p) == 0);
    TT_OK(set_timeout(p.s, avs_time_duration_from_scalar(-5, AVS_TIME_S)));
    int64_t ms;
    size_t n;
    avs_error_t err = timed_receive(p.s, &ms, &n);
    quiet_close(&p);
    TT_ERRNO(err, AVS_ETIMEDOUT);
    TT_CHECK(ms < 150);
}

static void test_timeout_is_honoured(void) {
    quiet_pair_t p;
    TT_CHECK(quiet_open(&p) == 0);
    TT_OK(nt_set_timeout_ms(p.s, 200));
    int64_t ms;
    size_t n;
    avs_error_t err = timed_receive(p.s, &ms, &n);
    quiet_close(&p);
    TT_ERRNO(err, AVS_ETIMEDOUT);
    TT_CHECK(ms >= 200);
    TT_CHECK(ms < 1000);
}

typedef struct {
    quiet_pair_t *pair;
    int delay_ms;
} late_sender_t;

static void *late_sender(void *arg) {
    late_sender_t *ls = (late_sender_t *) arg;
    nt_sleep_ms(ls->delay_ms);
    sendto(ls->pair->peer_fd, "late", 4, 0,
           (struct sockaddr *) &ls->pair->sock_addr, ls->pair->sock_addr_len);
    return NULL;
}

static void test_invalid_timeout_waits_forever(void) {
    quiet_pair_t p;
    TT_CHECK(quiet_open(&p) == 0);
    TT_OK(set_timeout(p.s, AVS_TIME_DURATION_INVALID));
    avs_net_socket_opt_value_t value;
    TT_OK(avs_net_socket_get_opt(p.s, AVS_NET_SOCKET_OPT_RECV_TIMEOUT, &value));
    TT_CHECK(!avs_time_duration_valid(value.recv_timeout));
    late_sender_t ls = {&p, 300};
    pthread_t thread;
    TT_CHECK(pthread_create(&thread, NULL, late_sender, &ls) == 0);
    int64_t ms;
    size_t n = 0;
    avs_error_t err = timed_receive(p.s, &ms, &n);
    pthread_join(thread, NULL);
    quiet_close(&p);
    TT_OK(err);
    TT_EQ(n, 4);
    TT_CHECK(ms >= 250);
}

static void test_data_within_timeout(void) {
    quiet_pair_t p;
    TT_CHECK(quiet_open(&p) == 0);
    TT_OK(nt_set_timeout_ms(p.s, 3000));
    late_sender_t ls = {&p, 100};
    pthread_t thread;
    TT_CHECK(pthread_create(&thread, NULL, late_sender, &ls) == 0);
    int64_t ms;
    size_t n = 0;
    avs_error_t err = timed_receive(p.s, &ms, &n);
    pthread_join(thread, NULL);
    quiet_close(&p);
    TT_OK(err);
    TT_EQ(n, 4);
    TT_CHECK(ms < 2000);
}

int main(void) {
    TT_RUN(test_zero_timeout_polls);
    TT_RUN(test_negative_timeout_is_zero);
    TT_RUN(test_timeout_is_honoured);
    TT_RUN(test_invalid_timeout_waits_forever);
    TT_RUN(test_data_within_timeout);
    return TT_SUMMARY();
}
