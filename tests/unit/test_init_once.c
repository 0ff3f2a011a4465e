/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_init_once.h>

#include <pthread.h>
#include <time.h>

#include "tern_test.h"

#define THREADS 8

static volatile avs_init_once_handle_t g_handle;
static pthread_mutex_t g_start_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_start_cond = PTHREAD_COND_INITIALIZER;
static int g_started;
static int g_runs;

static int slow_init(void *arg) {
    struct timespec pause = {0, 20 * 1000 * 1000};
    /* Long enough that the other threads pile up on the handle. */
    nanosleep(&pause, NULL);
    ++g_runs;
    *(int *) arg = 1;
    return 0;
}

static void *call_init(void *arg) {
    int *initialised = (int *) arg;
    int result;
    pthread_mutex_lock(&g_start_mutex);
    while (!g_started) {
        pthread_cond_wait(&g_start_cond, &g_start_mutex);
    }
    pthread_mutex_unlock(&g_start_mutex);
    result = avs_init_once(&g_handle, slow_init, initialised);
    /* Whichever thread ran it, everyone sees the finished result. */
    return (void *) (intptr_t) (result == 0 && *initialised ? 0 : 1);
}

static void runs_once_across_threads(void) {
    pthread_t threads[THREADS];
    int initialised = 0;
    int i;
    int failures = 0;
    for (i = 0; i < THREADS; ++i) {
        TT_EQ(pthread_create(&threads[i], NULL, call_init, &initialised), 0);
    }
    pthread_mutex_lock(&g_start_mutex);
    g_started = 1;
    pthread_cond_broadcast(&g_start_cond);
    pthread_mutex_unlock(&g_start_mutex);
    for (i = 0; i < THREADS; ++i) {
        void *thread_result;
        pthread_join(threads[i], &thread_result);
        failures += (int) (intptr_t) thread_result;
    }
    TT_EQ(failures, 0);
    TT_EQ(g_runs, 1);
    TT_CHECK(g_handle != NULL);
    TT_EQ(avs_init_once(&g_handle, slow_init, &initialised), 0);
    TT_EQ(g_runs, 1);
}

static int g_attempts;

static int fails_twice(void *arg) {
    (void) arg;
    ++g_attempts;
    return g_attempts < 3 ? -7 : 0;
}

static void failure_is_retried(void) {
    avs_init_once_handle_t handle = NULL;
    TT_EQ(avs_init_once(&handle, fails_twice, NULL), -7);
    TT_CHECK(handle == NULL);
    TT_EQ(avs_init_once(&handle, fails_twice, NULL), -7);
    TT_EQ(avs_init_once(&handle, fails_twice, NULL), 0);
    TT_EQ(avs_init_once(&handle, fails_twice, NULL), 0);
    TT_EQ(g_attempts, 3);
}

static avs_init_once_handle_t g_inner_handle;

static int inner_init(void *arg) {
    ++*(int *) arg;
    return 0;
}

static int outer_init(void *arg) {
    /* An initialiser may depend on another one-time initialisation. */
    return avs_init_once(&g_inner_handle, inner_init, arg);
}

static void nested_init(void) {
    avs_init_once_handle_t outer = NULL;
    int inner_runs = 0;
    TT_EQ(avs_init_once(&outer, outer_init, &inner_runs), 0);
    TT_EQ(avs_init_once(&outer, outer_init, &inner_runs), 0);
    TT_EQ(inner_runs, 1);
}

int main(void) {
    TT_RUN(runs_once_across_threads);
    TT_RUN(failure_is_retried);
    TT_RUN(nested_init);
    return TT_SUMMARY();
}
