/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_init_once.h
 * Thread-safe one-time initialisation.
 */
#ifndef AVS_COMMONS_INIT_ONCE_H
#define AVS_COMMONS_INIT_ONCE_H

#include <avsystem/commons/avs_defs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** State of one initialisation; start from NULL. */
typedef struct avs_init_once_handle *avs_init_once_handle_t;

/** The initialiser: 0 on success, anything else on failure. */
typedef int avs_init_once_func_t(void *arg);

/**
 * Runs @p func once for @p handle, even when called from several threads at
 * the same time. A failed run is retried by the next call.
 * @returns 0 if the initialisation has succeeded (now or before), otherwise
 *          the value returned by @p func.
 */
int avs_init_once(volatile avs_init_once_handle_t *handle,
                  avs_init_once_func_t *func, void *func_arg);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_INIT_ONCE_H */
