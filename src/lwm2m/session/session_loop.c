/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The built-in event loop: poll() over the client's sockets and a
 * self-pipe, bounded by the next scheduler job and max_wait_time.
 * anjay_event_loop_interrupt() only flips a sig_atomic_t and writes one
 * byte to the pipe, both async-signal-safe, so a signal handler may call
 * it.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_utils.h>

#include "session.h"

#define LOOP_IDLE 0
#define LOOP_RUNNING 1
#define LOOP_STOPPING 2

/* Sockets polled at once; more servers than this is unusual for a
 * device and the rest are served on the next round. */
#define MAX_POLLED 16

int anjay_event_loop_interrupt(anjay_t *anjay) {
    if (!anjay || !anjay->session) {
        return -1;
    }
    tern_session_t *sess = anjay->session;
    if (sess->loop_state != LOOP_RUNNING) {
        return -1;
    }
    sess->loop_state = LOOP_STOPPING;
    if (sess->wake_pipe[1] >= 0) {
        const char byte = 0;
        ssize_t written = write(sess->wake_pipe[1], &byte, 1);
        (void) written;
    }
    return 0;
}

static void drain_wake_pipe(tern_session_t *sess) {
    char buf[16];
    while (read(sess->wake_pipe[0], buf, sizeof(buf)) > 0) {
    }
}

static int poll_timeout_ms(anjay_t *anjay, avs_time_duration_t max_wait,
                           bool with_scheduler) {
    int64_t limit_ms = 1000;
    if (avs_time_duration_valid(max_wait)) {
        avs_time_duration_to_scalar(&limit_ms, AVS_TIME_MS, max_wait);
        if (limit_ms < 0) {
            limit_ms = 0;
        } else if (limit_ms > INT32_MAX) {
            limit_ms = INT32_MAX;
        }
    }
    return with_scheduler
                   ? anjay_sched_calculate_wait_time_ms(anjay, (int) limit_ms)
                   : (int) limit_ms;
}

/* One round: wait, serve what is readable. Returns -1 on a poll() error
 * that is not an interruption. */
static int wait_and_serve(anjay_t *anjay, int timeout_ms) {
    tern_session_t *sess = tern_sess(anjay);
    struct pollfd fds[MAX_POLLED + 1];
    avs_net_socket_t *sockets[MAX_POLLED];
    nfds_t count = 0;
    fds[count].fd = sess->wake_pipe[0];
    fds[count].events = POLLIN;
    fds[count++].revents = 0;
    AVS_LIST(avs_net_socket_t *const) socket;
    AVS_LIST_FOREACH(socket, anjay_get_sockets(anjay)) {
        const int *fd = (const int *) avs_net_socket_get_system(*socket);
        if (fd && *fd >= 0 && count <= MAX_POLLED) {
            sockets[count - 1] = *socket;
            fds[count].fd = *fd;
            fds[count].events = POLLIN;
            fds[count++].revents = 0;
        }
    }
    int ready = poll(fds, count, timeout_ms);
    if (ready < 0) {
        if (errno == EINTR) {
            return 0;
        }
        anjay_log(ERROR, "event loop: poll() failed: %s", strerror(errno));
        return -1;
    }
    if (fds[0].revents) {
        drain_wake_pipe(sess);
    }
    for (nfds_t i = 1; i < count && ready > 0; ++i) {
        if (fds[i].revents) {
            anjay_serve(anjay, sockets[i - 1]);
        }
    }
    return 0;
}

/* Reconnects with a back-off doubling from 1 s to 60 s, so that servers
 * that stay unreachable do not keep the loop busy. */
static void reconnect_if_all_failed(anjay_t *anjay) {
    tern_session_t *sess = tern_sess(anjay);
    if (!anjay_all_connections_failed(anjay)) {
        sess->error_backoff_s = 0;
        return;
    }
    avs_time_monotonic_t now = avs_time_monotonic_now();
    if (avs_time_monotonic_valid(sess->error_reconnect_at) &&
        avs_time_monotonic_before(now, sess->error_reconnect_at)) {
        return;
    }
    sess->error_backoff_s =
            sess->error_backoff_s ? AVS_MIN(2 * sess->error_backoff_s, 60) : 1;
    sess->error_reconnect_at = avs_time_monotonic_add(
            now,
            avs_time_duration_from_scalar(sess->error_backoff_s, AVS_TIME_S));
    anjay_log(INFO, "every connection failed; reconnecting");
    anjay_transport_schedule_reconnect(anjay, ANJAY_TRANSPORT_SET_ALL);
}

static int run_loop(anjay_t *anjay, avs_time_duration_t max_wait_time,
                    bool handle_errors) {
    if (!anjay || !anjay->session) {
        return -1;
    }
    tern_session_t *sess = anjay->session;
    if (sess->loop_state != LOOP_IDLE) {
        anjay_log(ERROR, "anjay_event_loop_run: a loop is running already");
        return -1;
    }
    sess->loop_state = LOOP_RUNNING;
    int result = 0;
    while (sess->loop_state == LOOP_RUNNING) {
        if (handle_errors) {
            reconnect_if_all_failed(anjay);
        }
        if (wait_and_serve(anjay,
                           poll_timeout_ms(anjay, max_wait_time, true))) {
            result = -1;
            break;
        }
        anjay_sched_run(anjay);
    }
    drain_wake_pipe(sess);
    sess->loop_state = LOOP_IDLE;
    return result;
}

int anjay_event_loop_run(anjay_t *anjay, avs_time_duration_t max_wait_time) {
    return run_loop(anjay, max_wait_time, false);
}

int anjay_event_loop_run_with_error_handling(
        anjay_t *anjay, avs_time_duration_t max_wait_time) {
    return run_loop(anjay, max_wait_time, true);
}

int anjay_serve_any(anjay_t *anjay, avs_time_duration_t max_wait_time) {
    if (!anjay || !anjay->session) {
        return -1;
    }
    return wait_and_serve(anjay, poll_timeout_ms(anjay, max_wait_time, false));
}
