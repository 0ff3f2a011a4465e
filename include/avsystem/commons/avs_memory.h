/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_memory.h
 * The allocator every layer uses. Applications free memory that Tern hands
 * them with avs_free().
 */
#ifndef AVS_COMMONS_MEMORY_H
#define AVS_COMMONS_MEMORY_H

#include <avsystem/commons/avs_defs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Like malloc(). */
void *avs_malloc(size_t size);
/** Like calloc(); the product is checked for overflow. */
void *avs_calloc(size_t nmemb, size_t size);
/** Like realloc(). */
void *avs_realloc(void *ptr, size_t size);
/** Like free(); NULL is accepted. */
void avs_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_MEMORY_H */
