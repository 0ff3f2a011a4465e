/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_memory.h>

#include <stdlib.h>

void *avs_malloc(size_t size) {
    return malloc(size);
}

void *avs_calloc(size_t nmemb, size_t size) {
    /* Checked here too so that the guarantee does not depend on the libc. */
    if (size && nmemb > SIZE_MAX / size) {
        return NULL;
    }
    return calloc(nmemb, size);
}

void *avs_realloc(void *ptr, size_t size) {
    return realloc(ptr, size);
}

void avs_free(void *ptr) {
    free(ptr);
}
