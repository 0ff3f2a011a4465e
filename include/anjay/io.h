/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Value input and output of data model handlers: listing Instances and
 * Resources, returning values (anjay_ret_*), reading written values
 * (anjay_get_*) and parsing Execute arguments.
 *
 * The content format of the request or response is invisible here: the
 * library encodes and decodes it.
 */
#ifndef ANJAY_INCLUDE_ANJAY_IO_H
#define ANJAY_INCLUDE_ANJAY_IO_H

#include <anjay/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Receives IDs from list_instances / list_resource_instances handlers. */
typedef struct anjay_dm_list_ctx_struct anjay_dm_list_ctx_t;

/**
 * Reports one Object Instance ID or Resource Instance ID from a listing
 * handler. IDs must come in strictly ascending order.
 *
 * Errors (an ID out of order, ANJAY_ID_INVALID, lack of memory) are recorded
 * in @p ctx and make the operation fail after the handler returns.
 *
 * @param ctx Context given to the handler.
 * @param id  The ID; never ANJAY_ID_INVALID.
 */
void anjay_dm_emit(anjay_dm_list_ctx_t *ctx, uint16_t id);

/** Receives Resources from list_resources handlers. */
typedef struct anjay_dm_resource_list_ctx_struct anjay_dm_resource_list_ctx_t;

/** What operations a Resource supports. */
typedef enum {
    /** Single-Instance, readable (the Bootstrap Server may still write). */
    ANJAY_DM_RES_R,
    /** Single-Instance, writable only. */
    ANJAY_DM_RES_W,
    /** Single-Instance, readable and writable. */
    ANJAY_DM_RES_RW,
    /** Multiple-Instance, readable (the Bootstrap Server may still write). */
    ANJAY_DM_RES_RM,
    /** Multiple-Instance, writable only. */
    ANJAY_DM_RES_WM,
    /** Multiple-Instance, readable and writable. */
    ANJAY_DM_RES_RWM,
    /** Executable. */
    ANJAY_DM_RES_E,
    /** Readable and writable by the Bootstrap Server only. */
    ANJAY_DM_RES_BS_RW
} anjay_dm_resource_kind_t;

/** Whether a supported Resource currently has a value. */
typedef enum {
    /** Supported, but without a value now (a Write may create it). */
    ANJAY_DM_RES_ABSENT = 0,
    /** Has a value. */
    ANJAY_DM_RES_PRESENT = 1
} anjay_dm_resource_presence_t;

/**
 * Reports one supported Resource from a list_resources handler. Resource IDs
 * must come in strictly ascending order; errors are handled as with
 * @ref anjay_dm_emit.
 *
 * @param ctx      Context given to the handler.
 * @param rid      Resource ID; never ANJAY_ID_INVALID.
 * @param kind     Operations it supports.
 * @param presence Whether it has a value now.
 */
void anjay_dm_emit_res(anjay_dm_resource_list_ctx_t *ctx, anjay_rid_t rid,
                       anjay_dm_resource_kind_t kind,
                       anjay_dm_resource_presence_t presence);

/** Where a resource_read handler puts its value. */
typedef struct anjay_output_ctx_struct anjay_output_ctx_t;

/** An opaque value being returned in chunks, see @ref anjay_ret_bytes_begin. */
typedef struct anjay_ret_bytes_ctx_struct anjay_ret_bytes_ctx_t;

/**
 * Starts returning an opaque value of known length in several pieces, for
 * values that do not fit in memory at once. Follow with
 * @ref anjay_ret_bytes_append calls that add up to exactly @p length bytes
 * (none at all for an empty value).
 *
 * @param ctx    Output context of the handler.
 * @param length Total length of the value.
 * @returns A context for the pieces, or NULL on error.
 */
anjay_ret_bytes_ctx_t *anjay_ret_bytes_begin(anjay_output_ctx_t *ctx,
                                             size_t length);

/**
 * Adds the next piece of a value started with @ref anjay_ret_bytes_begin.
 *
 * @param ctx    Context from anjay_ret_bytes_begin().
 * @param data   The bytes.
 * @param length Their number; going past the announced total is an error.
 * @returns 0 on success, a negative value on error.
 */
int anjay_ret_bytes_append(anjay_ret_bytes_ctx_t *ctx, const void *data,
                           size_t length);

/**
 * Returns an opaque value.
 *
 * @param ctx    Output context of the handler.
 * @param data   The bytes (may be NULL if @p length is 0).
 * @param length Their number.
 * @returns 0 on success, a negative value on error.
 */
int anjay_ret_bytes(anjay_output_ctx_t *ctx, const void *data, size_t length);

/**
 * Returns a string value.
 *
 * @param ctx   Output context of the handler.
 * @param value NUL-terminated UTF-8 text.
 * @returns 0 on success, a negative value on error.
 */
int anjay_ret_string(anjay_output_ctx_t *ctx, const char *value);

/**
 * Returns a signed integer value.
 *
 * @param ctx   Output context of the handler.
 * @param value The value.
 * @returns 0 on success, a negative value on error.
 */
int anjay_ret_i64(anjay_output_ctx_t *ctx, int64_t value);

/**
 * Returns a signed integer value; the same as @ref anjay_ret_i64.
 *
 * @param ctx   Output context of the handler.
 * @param value The value.
 * @returns 0 on success, a negative value on error.
 */
static inline int anjay_ret_i32(anjay_output_ctx_t *ctx, int32_t value) {
    return anjay_ret_i64(ctx, value);
}

/**
 * Returns an unsigned integer value (LwM2M 1.1 type).
 *
 * @param ctx   Output context of the handler.
 * @param value The value.
 * @returns 0 on success, a negative value on error.
 */
int anjay_ret_u64(anjay_output_ctx_t *ctx, uint64_t value);

/**
 * Returns an unsigned integer value; the same as @ref anjay_ret_u64.
 *
 * @param ctx   Output context of the handler.
 * @param value The value.
 * @returns 0 on success, a negative value on error.
 */
static inline int anjay_ret_u32(anjay_output_ctx_t *ctx, uint32_t value) {
    return anjay_ret_u64(ctx, value);
}

/**
 * Returns a floating-point value. Binary formats use single precision when
 * that represents the value exactly.
 *
 * @param ctx   Output context of the handler.
 * @param value The value.
 * @returns 0 on success, a negative value on error.
 */
int anjay_ret_double(anjay_output_ctx_t *ctx, double value);

/**
 * Returns a floating-point value; the same as @ref anjay_ret_double.
 *
 * @param ctx   Output context of the handler.
 * @param value The value.
 * @returns 0 on success, a negative value on error.
 */
static inline int anjay_ret_float(anjay_output_ctx_t *ctx, float value) {
    return anjay_ret_double(ctx, value);
}

/**
 * Returns a boolean value.
 *
 * @param ctx   Output context of the handler.
 * @param value The value.
 * @returns 0 on success, a negative value on error.
 */
int anjay_ret_bool(anjay_output_ctx_t *ctx, bool value);

/**
 * Returns an Object Link value.
 *
 * @param ctx Output context of the handler.
 * @param oid Object ID of the link.
 * @param iid Object Instance ID of the link.
 * @returns 0 on success, a negative value on error.
 */
int anjay_ret_objlnk(anjay_output_ctx_t *ctx, anjay_oid_t oid, anjay_iid_t iid);

/** Where a resource_write handler reads its value from. */
typedef struct anjay_input_ctx_struct anjay_input_ctx_t;

/** Returned by @ref anjay_execute_get_next_arg when no argument is left. */
#define ANJAY_EXECUTE_GET_ARG_END 1

/** Arguments of an Execute request. */
typedef struct anjay_execute_ctx_struct anjay_execute_ctx_t;

/**
 * Moves to the next Execute argument (the syntax is <c>0='text',1,2='x'</c>).
 * Whatever is left of the current argument's value is skipped.
 *
 * @param ctx           Execute context of the handler.
 * @param out_arg       Receives the argument's digit, or -1 at the end.
 * @param out_has_value Receives whether a value follows; false at the end.
 * @returns 0 on success, @ref ANJAY_EXECUTE_GET_ARG_END at the end, or
 *          ANJAY_ERR_BAD_REQUEST for malformed arguments (the handler should
 *          return it; anything read before is to be disregarded).
 */
int anjay_execute_get_next_arg(anjay_execute_ctx_t *ctx, int *out_arg,
                               bool *out_has_value);

/**
 * Reads the value of the current argument, or the next part of it, as a
 * NUL-terminated string. Returns 0 with an empty string when there is no
 * value or it has been read completely.
 *
 * @param ctx            Execute context of the handler.
 * @param out_bytes_read Receives the number of characters stored (without
 *                       the NUL); may be NULL.
 * @param out_buf        Buffer for the characters.
 * @param buf_size       Its size; at least 2.
 * @returns 0 when the value is complete, @ref ANJAY_BUFFER_TOO_SHORT when
 *          more characters remain for further calls, -1 for a NULL or too
 *          small buffer, ANJAY_ERR_BAD_REQUEST for malformed arguments.
 */
int anjay_execute_get_arg_value(anjay_execute_ctx_t *ctx,
                                size_t *out_bytes_read, char *out_buf,
                                size_t buf_size);

/**
 * Reads the next chunk of an opaque value, as much as fits.
 *
 * @param ctx                  Input context of the handler.
 * @param out_bytes_read       Receives the number of bytes stored.
 * @param out_message_finished Receives true once the value is read
 *                             completely.
 * @param out_buf              Buffer for the bytes.
 * @param buf_size             Its size.
 * @returns 0 on success, a negative value on error (e.g. the value is not
 *          opaque data).
 */
int anjay_get_bytes(anjay_input_ctx_t *ctx, size_t *out_bytes_read,
                    bool *out_message_finished, void *out_buf, size_t buf_size);

/** Returned when the value continues beyond the given buffer. */
#define ANJAY_BUFFER_TOO_SHORT 1

/**
 * Reads a string value, or its next part. The buffer is NUL-terminated on
 * success and on @ref ANJAY_BUFFER_TOO_SHORT; on errors its content is
 * unspecified.
 *
 * @param ctx      Input context of the handler.
 * @param out_buf  Buffer for the text.
 * @param buf_size Its size; at least 1.
 * @returns 0 when the value is complete, @ref ANJAY_BUFFER_TOO_SHORT when
 *          more remains for further calls, a negative value on error.
 */
int anjay_get_string(anjay_input_ctx_t *ctx, char *out_buf, size_t buf_size);

/**
 * Reads an integer value that must fit in 32 signed bits.
 *
 * @param ctx Input context of the handler.
 * @param out Receives the value; untouched on error.
 * @returns 0 on success, a negative value on error.
 */
int anjay_get_i32(anjay_input_ctx_t *ctx, int32_t *out);

/**
 * Reads an integer value that must fit in 64 signed bits.
 *
 * @param ctx Input context of the handler.
 * @param out Receives the value; untouched on error.
 * @returns 0 on success, a negative value on error.
 */
int anjay_get_i64(anjay_input_ctx_t *ctx, int64_t *out);

/**
 * Reads an integer value that must fit in 32 unsigned bits.
 *
 * @param ctx Input context of the handler.
 * @param out Receives the value; untouched on error.
 * @returns 0 on success, a negative value on error.
 */
int anjay_get_u32(anjay_input_ctx_t *ctx, uint32_t *out);

/**
 * Reads an integer value that must fit in 64 unsigned bits.
 *
 * @param ctx Input context of the handler.
 * @param out Receives the value; untouched on error.
 * @returns 0 on success, a negative value on error.
 */
int anjay_get_u64(anjay_input_ctx_t *ctx, uint64_t *out);

/**
 * Reads a numeric value as a float.
 *
 * @param ctx Input context of the handler.
 * @param out Receives the value; untouched on error.
 * @returns 0 on success, a negative value on error.
 */
int anjay_get_float(anjay_input_ctx_t *ctx, float *out);

/**
 * Reads a numeric value as a double.
 *
 * @param ctx Input context of the handler.
 * @param out Receives the value; untouched on error.
 * @returns 0 on success, a negative value on error.
 */
int anjay_get_double(anjay_input_ctx_t *ctx, double *out);

/**
 * Reads a boolean value.
 *
 * @param ctx Input context of the handler.
 * @param out Receives the value; untouched on error.
 * @returns 0 on success, a negative value on error.
 */
int anjay_get_bool(anjay_input_ctx_t *ctx, bool *out);

/**
 * Reads an Object Link value.
 *
 * @param ctx     Input context of the handler.
 * @param out_oid Receives the Object ID; untouched on error.
 * @param out_iid Receives the Object Instance ID; untouched on error.
 * @returns 0 on success, a negative value on error.
 */
int anjay_get_objlnk(anjay_input_ctx_t *ctx, anjay_oid_t *out_oid,
                     anjay_iid_t *out_iid);

#ifdef __cplusplus
}
#endif

#endif /* ANJAY_INCLUDE_ANJAY_IO_H */
