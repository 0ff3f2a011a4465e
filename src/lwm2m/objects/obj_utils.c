/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_crypto_common.h>
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "obj_utils.h"

#define obj_log(Level, ...) avs_log(anjay, Level, __VA_ARGS__)

int tern_obj_get_bytes(anjay_input_ctx_t *ctx, uint8_t **out, size_t *out_size,
                       size_t limit) {
    uint8_t *buf = NULL;
    size_t size = 0;
    bool finished = false;
    while (!finished) {
        uint8_t chunk[256];
        size_t read = 0;
        int result =
                anjay_get_bytes(ctx, &read, &finished, chunk, sizeof(chunk));
        if (result) {
            avs_free(buf);
            return result;
        }
        if (read > limit - size) {
            obj_log(DEBUG, "value longer than %zu bytes", limit);
            avs_free(buf);
            return ANJAY_ERR_BAD_REQUEST;
        }
        if (read) {
            uint8_t *grown = (uint8_t *) avs_realloc(buf, size + read);
            if (!grown) {
                obj_log(ERROR, "out of memory reading a value");
                avs_free(buf);
                return ANJAY_ERR_INTERNAL;
            }
            buf = grown;
            memcpy(buf + size, chunk, read);
            size += read;
        }
    }
    if (!buf && !(buf = (uint8_t *) avs_malloc(1))) {
        obj_log(ERROR, "out of memory reading a value");
        return ANJAY_ERR_INTERNAL;
    }
    *out = buf;
    *out_size = size;
    return 0;
}

int tern_obj_get_string(anjay_input_ctx_t *ctx, char **out, size_t limit) {
    char *buf = NULL;
    size_t size = 0;
    int result;
    do {
        char chunk[256];
        result = anjay_get_string(ctx, chunk, sizeof(chunk));
        if (result < 0) {
            avs_free(buf);
            return result;
        }
        size_t len = strlen(chunk);
        if (len > limit - size) {
            obj_log(DEBUG, "string longer than %zu characters", limit);
            avs_free(buf);
            return ANJAY_ERR_BAD_REQUEST;
        }
        char *grown = (char *) avs_realloc(buf, size + len + 1);
        if (!grown) {
            obj_log(ERROR, "out of memory reading a string");
            avs_free(buf);
            return ANJAY_ERR_INTERNAL;
        }
        buf = grown;
        memcpy(buf + size, chunk, len + 1);
        size += len;
    } while (result == ANJAY_BUFFER_TOO_SHORT);
    *out = buf;
    return 0;
}

int tern_obj_dup_bytes(const void *data, size_t size, uint8_t **out) {
    *out = (uint8_t *) avs_malloc(size ? size : 1);
    if (!*out) {
        obj_log(ERROR, "out of memory copying a value");
        return -1;
    }
    if (size) {
        memcpy(*out, data, size);
    }
    return 0;
}

int tern_obj_dup_string(const char *str, char **out) {
    *out = NULL;
    if (!str) {
        return 0;
    }
    size_t len = strlen(str);
    uint8_t *copy;
    if (tern_obj_dup_bytes(str, len + 1, &copy)) {
        return -1;
    }
    *out = (char *) copy;
    return 0;
}

void tern_obj_free_secret(uint8_t *data, size_t size) {
    if (data) {
        avs_crypto_clear_buffer(data, size);
        avs_free(data);
    }
}

int tern_obj_install(anjay_t *anjay, const void *key, size_t state_size,
                     const anjay_dm_object_def_t *def,
                     void (*deleter)(anjay_t *anjay, void *state),
                     const char *name) {
    if (!anjay) {
        return -1;
    }
    if (tern_anjay_module_get(anjay, key)) {
        obj_log(ERROR, "the %s Object is installed already", name);
        return -1;
    }
    /* The definition pointer leads the state, so handlers find the state
     * from obj_ptr. */
    const anjay_dm_object_def_t **state =
            (const anjay_dm_object_def_t **) avs_calloc(1, state_size);
    if (!state) {
        obj_log(ERROR, "out of memory installing the %s Object", name);
        return -1;
    }
    *state = def;
    if (anjay_register_object(anjay, state)) {
        avs_free(state);
        return -1;
    }
    if (tern_anjay_module_install(anjay, key, state, deleter)) {
        (void) anjay_unregister_object(anjay, state);
        avs_free(state);
        return -1;
    }
    return 0;
}

void *tern_obj_get(anjay_t *anjay, const void *key, const char *name) {
    void *state = anjay ? tern_anjay_module_get(anjay, key) : NULL;
    if (!state) {
        obj_log(ERROR, "the %s Object is not installed", name);
    }
    return state;
}
