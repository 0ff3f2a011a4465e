/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * gnutls-serv cannot be told which address to bind and listens on all of
 * them. Peers like it run, together with the client half of the check, in a
 * forked child that owns a private network namespace whose only interface is
 * loopback.
 */
#define _GNU_SOURCE
#include "tc.h"

#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static bool bring_loopback_up(void) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        return false;
    }
    struct ifreq request;
    memset(&request, 0, sizeof(request));
    strncpy(request.ifr_name, "lo", sizeof(request.ifr_name) - 1);
    bool ok = !ioctl(fd, SIOCGIFFLAGS, &request);
    if (ok) {
        request.ifr_flags |= IFF_UP;
        ok = !ioctl(fd, SIOCSIFFLAGS, &request);
    }
    close(fd);
    return ok;
}

static void run_child(int report_fd, tc_feature_fn_t *fn) {
    const char *reason;
    /* Unprivileged users can still get a namespace through a user
     * namespace of their own. */
    if (unshare(CLONE_NEWNET) && unshare(CLONE_NEWUSER | CLONE_NEWNET)) {
        reason = tc_reason("cannot create a network namespace: %s",
                           strerror(errno));
    } else if (!bring_loopback_up()) {
        reason = tc_reason("cannot bring loopback up: %s", strerror(errno));
    } else {
        reason = fn();
    }
    if (reason) {
        ssize_t ignored = write(report_fd, reason, strlen(reason));
        (void) ignored;
    }
    close(report_fd);
    exit(reason ? EXIT_FAILURE : EXIT_SUCCESS);
}

const char *tc_in_network_namespace(tc_feature_fn_t *fn) {
    int fds[2];
    if (pipe(fds)) {
        return tc_reason("pipe: %s", strerror(errno));
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return tc_reason("fork: %s", strerror(errno));
    }
    if (pid == 0) {
        close(fds[0]);
        run_child(fds[1], fn);
    }
    close(fds[1]);
    char reason[900];
    size_t length = 0;
    ssize_t got;
    while (length < sizeof(reason) - 1 &&
           ((got = read(fds[0], reason + length, sizeof(reason) - 1 - length)) >
                    0 ||
            (got < 0 && errno == EINTR))) {
        length += got > 0 ? (size_t) got : 0;
    }
    reason[length] = '\0';
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (length) {
        return tc_reason("%s", reason);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status)) {
        return tc_reason("check process ended abnormally (status 0x%x)",
                         (unsigned) status);
    }
    return NULL;
}
