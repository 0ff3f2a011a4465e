/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The individual operations behind tern_dm_handle(). Each returns 0 or a
 * negative ANJAY_ERR_* code, logs the cause of a failure where it finds
 * it, and runs its own transaction when it modifies the data model.
 */
#ifndef TERN_LWM2M_DM_OPS_H
#define TERN_LWM2M_DM_OPS_H

#include "../io/io.h"
#include "dm_handlers.h"
#include "dm_log.h"
#include "dm_registry.h"
#include "dm_request.h"

/** What an operation works with. */
typedef struct {
    /** Client object. */
    anjay_t *anjay;
    /** The request. */
    const tern_dm_request_t *req;
    /** Response payload (growable up to the request's limit). */
    tern_io_buf_t *out;
    /** Content-Format of the payload in @c out, if any. */
    uint16_t out_format;
    /** Create: the new Instance. */
    tern_io_path_t location;
} tern_dm_op_ctx_t;

/** Read; also Bootstrap-Read. */
int tern_dm_op_read(tern_dm_op_ctx_t *ctx);
/** Read-Composite. */
int tern_dm_op_read_composite(tern_dm_op_ctx_t *ctx);
/** Write (replace or partial update) by a management server. */
int tern_dm_op_write(tern_dm_op_ctx_t *ctx);
/** Write-Composite. */
int tern_dm_op_write_composite(tern_dm_op_ctx_t *ctx);
/** Bootstrap-Write. */
int tern_dm_op_bootstrap_write(tern_dm_op_ctx_t *ctx);
/** Create. */
int tern_dm_op_create(tern_dm_op_ctx_t *ctx);
/** Delete. */
int tern_dm_op_delete(tern_dm_op_ctx_t *ctx);
/** Bootstrap-Delete. */
int tern_dm_op_bootstrap_delete(tern_dm_op_ctx_t *ctx);
/** Execute. */
int tern_dm_op_execute(tern_dm_op_ctx_t *ctx);
/** Discover. */
int tern_dm_op_discover(tern_dm_op_ctx_t *ctx);
/** Bootstrap-Discover. */
int tern_dm_op_bootstrap_discover(tern_dm_op_ctx_t *ctx);
/** Write-Attributes. */
int tern_dm_op_write_attributes(tern_dm_op_ctx_t *ctx);

/**
 * Opens a decoder for the request payload, mapping failures: an unknown
 * Content-Format is 4.15, a format that cannot address the request path
 * 4.00.
 *
 * @returns 0 (clean the decoder up with tern_io_dec_cleanup()) or an error
 *          (nothing to clean up).
 */
int tern_dm_open_decoder(const tern_dm_request_t *req, tern_io_dec_t *dec);

/**
 * Finds the target of a request: the Object of @p path (4.04 if missing),
 * which @p ssid must be allowed to access (4.01), and, when @p path names
 * an Instance or below, that Instance (4.04 if missing).
 *
 * @returns 0 (with @p out_obj set) or a negative error code (logged).
 */
int tern_dm_lookup(anjay_t *anjay, const tern_io_path_t *path,
                   anjay_ssid_t ssid, tern_dm_object_t *out_obj);

/**
 * Finds the Resource @p path names in an existing Instance; it must be
 * supported and present.
 *
 * @returns 0 (with @p out set) or ANJAY_ERR_NOT_FOUND (logged), or a
 *          handler's error.
 */
int tern_dm_lookup_present_resource(anjay_t *anjay, tern_dm_object_t obj,
                                    const tern_io_path_t *path,
                                    tern_dm_res_entry_t *out);

/**
 * Checks that the Resource Instance @p path names exists in the present
 * Resource @p res (a Single-Instance Resource has none).
 *
 * @returns 0 or ANJAY_ERR_NOT_FOUND (logged), or a handler's error.
 */
int tern_dm_lookup_resource_instance(anjay_t *anjay, tern_dm_object_t obj,
                                     const tern_io_path_t *path,
                                     const tern_dm_res_entry_t *res);

/**
 * Removes an Instance inside the open transaction, with its attributes
 * (and, for a Server Object Instance, every attribute its server set), and
 * records the change. The attributes are forgotten only if the Object
 * commits.
 *
 * @param anjay  Client object.
 * @param obj    The Object.
 * @param iid    An existing Instance.
 * @param origin Server causing the removal.
 * @returns 0 or a negative error code.
 */
int tern_dm_remove_instance(anjay_t *anjay, tern_dm_object_t obj,
                            anjay_iid_t iid, anjay_ssid_t origin);

#endif /* TERN_LWM2M_DM_OPS_H */
