/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* examples/custom-event-loop, as built, registers over DTLS-PSK with
 * tern-test-server, answers a Read from its own poll() loop, and
 * de-registers on SIGTERM. */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e_session.h"

static e2e_server_t g_server;

#define S (&g_server)

static const char *g_example;

static void test_custom_event_loop(void) {
    const char *args[] = {"--psk-identity", "loop-id",  "--psk-key",
                          "loop-key",       "--no-tcp", NULL};
    TT_CHECK(e2e_server_start(S, args));
    char uri[64];
    snprintf(uri, sizeof(uri), "coaps://127.0.0.1:%u", g_server.coaps_port);
    pid_t pid = fork();
    TT_CHECK(pid >= 0);
    if (pid == 0) {
        execl(g_example, g_example, "urn:tern:custom-loop", uri, "loop-id",
              "loop-key", (char *) NULL);
        _exit(127);
    }
    bool registered = e2e_wait(S, NULL, "REGISTERED ",
                               "ep=urn:tern:custom-loop", 10000, NULL, 0);
    bool read = false;
    if (registered) {
        e2e_server_cmd(S, "read 1 /1/0/1");
        read = e2e_wait(S, NULL, "RESPONSE 2.05 ct=0 60", NULL, 5000, NULL, 0);
    }
    kill(pid, SIGTERM);
    bool deregistered = registered &&
                        e2e_wait(S, NULL, "DEREGISTERED ", NULL, 5000, NULL, 0);
    int status = 0;
    for (int i = 0; i < 100 && waitpid(pid, &status, WNOHANG) == 0; ++i) {
        nanosleep(&(struct timespec){0, 50000000}, NULL);
    }
    if (waitpid(pid, &status, WNOHANG) == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        status = -1;
    }
    e2e_server_stop(S);
    TT_CHECK(registered);
    TT_CHECK(read);
    TT_CHECK(deregistered);
    TT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s <tern-test-server> <custom-event-loop>\n",
                argv[0]);
        return 2;
    }
    e2e_server_path = argv[1];
    g_example = argv[2];
    TT_RUN(test_custom_event_loop);
    return TT_SUMMARY();
}
