/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_init_once.h>

#include <pthread.h>

/* A handle only ever holds NULL (not done yet) or the address of this marker
 * (done), so no per-handle state has to be allocated or freed. */
struct avs_init_once_handle {
    char unused;
};

static struct avs_init_once_handle g_done_marker;

/* One lock for every handle: initialisers are rare and short. Recursive so
 * that an initialiser may itself initialise something else once. */
static pthread_mutex_t g_init_once_mutex;
static pthread_once_t g_init_once_mutex_once = PTHREAD_ONCE_INIT;

static void init_mutex(void) {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&g_init_once_mutex, &attr);
    pthread_mutexattr_destroy(&attr);
}

int avs_init_once(volatile avs_init_once_handle_t *handle,
                  avs_init_once_func_t *func, void *func_arg) {
    int result = 0;
    pthread_once(&g_init_once_mutex_once, init_mutex);
    pthread_mutex_lock(&g_init_once_mutex);
    if (*handle != &g_done_marker) {
        result = func(func_arg);
        if (result == 0) {
            *handle = &g_done_marker;
        }
    }
    pthread_mutex_unlock(&g_init_once_mutex);
    return result;
}
