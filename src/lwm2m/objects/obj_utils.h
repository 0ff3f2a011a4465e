/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Helpers shared by the built-in Objects: reading whole string and opaque
 * values of any length, and owned copies.
 */
#ifndef TERN_LWM2M_OBJ_UTILS_H
#define TERN_LWM2M_OBJ_UTILS_H

#include <anjay/io.h>

/**
 * Reads a whole opaque value into a new buffer.
 *
 * @param ctx      Input context of the write handler.
 * @param out      Receives the avs_malloc()ed bytes (never NULL on success,
 *                 even for an empty value); a previous value is not freed.
 * @param out_size Receives the length.
 * @param limit    Largest accepted length.
 * @returns 0, ANJAY_ERR_BAD_REQUEST if longer than @p limit or not opaque,
 *          ANJAY_ERR_INTERNAL on lack of memory.
 */
int tern_obj_get_bytes(anjay_input_ctx_t *ctx, uint8_t **out, size_t *out_size,
                       size_t limit);

/**
 * Reads a whole string value into a new NUL-terminated buffer.
 *
 * @param ctx   Input context of the write handler.
 * @param out   Receives the avs_malloc()ed string.
 * @param limit Largest accepted length (without the NUL).
 * @returns 0 or a negative error code as for tern_obj_get_bytes().
 */
int tern_obj_get_string(anjay_input_ctx_t *ctx, char **out, size_t limit);

/**
 * Copies @p size bytes into a new buffer (a valid pointer even when empty).
 *
 * @returns 0, or -1 on lack of memory (logged).
 */
int tern_obj_dup_bytes(const void *data, size_t size, uint8_t **out);

/**
 * Copies a string (NULL gives NULL).
 *
 * @returns 0, or -1 on lack of memory (logged).
 */
int tern_obj_dup_string(const char *str, char **out);

/**
 * Installs a built-in Object as a module: allocates its state (whose first
 * member must be the definition pointer), registers @p def and records the
 * module so that anjay_delete() frees it.
 *
 * @param anjay      Client object.
 * @param key        Module key of the Object kind.
 * @param state_size Size of the state struct.
 * @param def        The Object definition.
 * @param deleter    Frees the state.
 * @param name       Object name for log lines.
 * @returns 0, or -1 if installed already or on error (logged).
 */
int tern_obj_install(anjay_t *anjay, const void *key, size_t state_size,
                     const anjay_dm_object_def_t *def,
                     void (*deleter)(anjay_t *anjay, void *state),
                     const char *name);

/**
 * The state of an installed built-in Object.
 *
 * @returns The state, or NULL (logged with @p name) if not installed.
 */
void *tern_obj_get(anjay_t *anjay, const void *key, const char *name);

/** Wipes and frees a secret. */
void tern_obj_free_secret(uint8_t *data, size_t size);

#endif /* TERN_LWM2M_OBJ_UTILS_H */
