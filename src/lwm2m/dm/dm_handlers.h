/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Calling the handlers of an Object safely: listings are collected into
 * arrays and checked (ascending, no ANJAY_ID_INVALID) before anything else
 * is called, missing handlers become ANJAY_ERR_METHOD_NOT_ALLOWED, and the
 * modifying handlers join the open transaction first.
 */
#ifndef TERN_LWM2M_DM_HANDLERS_H
#define TERN_LWM2M_DM_HANDLERS_H

#include <anjay/dm.h>

#include "dm_registry.h"

/** IDs from a list_instances or list_resource_instances handler. */
typedef struct {
    /** Strictly ascending IDs. */
    uint16_t *ids;
    /** How many. */
    size_t count;
} tern_dm_id_list_t;

/** One Resource from a list_resources handler. */
typedef struct {
    /** Resource ID. */
    anjay_rid_t rid;
    /** Supported operations. */
    anjay_dm_resource_kind_t kind;
    /** Whether it has a value. */
    anjay_dm_resource_presence_t presence;
} tern_dm_res_entry_t;

/** Resources from a list_resources handler. */
typedef struct {
    /** Strictly ascending by @c rid. */
    tern_dm_res_entry_t *items;
    /** How many. */
    size_t count;
} tern_dm_res_list_t;

/** Frees an ID list. */
void tern_dm_id_list_free(tern_dm_id_list_t *list);

/** Frees a Resource list. */
void tern_dm_res_list_free(tern_dm_res_list_t *list);

/** Whether the kind allows reading (by a management server). */
bool tern_dm_kind_readable(anjay_dm_resource_kind_t kind);
/** Whether the kind allows writing (by a management server). */
bool tern_dm_kind_writable(anjay_dm_resource_kind_t kind);
/** Whether the kind is a Multiple-Instance Resource. */
bool tern_dm_kind_multiple(anjay_dm_resource_kind_t kind);
/** Whether the kind is executable. */
bool tern_dm_kind_executable(anjay_dm_resource_kind_t kind);

/**
 * Lists the Instances of an Object.
 *
 * @returns 0 or a negative error code; @p out is empty on error.
 */
int tern_dm_list_instances(anjay_t *anjay, tern_dm_object_t obj,
                           tern_dm_id_list_t *out);

/**
 * Tells whether an Instance exists.
 *
 * @returns 1 if it does, 0 if not, a negative error code on failure.
 */
int tern_dm_instance_present(anjay_t *anjay, tern_dm_object_t obj,
                             anjay_iid_t iid);

/**
 * Lists the supported Resources of an existing Instance.
 *
 * @returns 0 or a negative error code; @p out is empty on error.
 */
int tern_dm_list_resources(anjay_t *anjay, tern_dm_object_t obj,
                           anjay_iid_t iid, tern_dm_res_list_t *out);

/**
 * Looks one Resource up in the listing of an existing Instance.
 *
 * @returns 0, ANJAY_ERR_NOT_FOUND if the Resource is not supported, or
 *          another negative error code.
 */
int tern_dm_resource_info(anjay_t *anjay, tern_dm_object_t obj, anjay_iid_t iid,
                          anjay_rid_t rid, tern_dm_res_entry_t *out);

/**
 * Lists the Instances of a present Multiple-Instance Resource.
 *
 * @returns 0 or a negative error code (ANJAY_ERR_METHOD_NOT_ALLOWED without
 *          a list_resource_instances handler); @p out is empty on error.
 */
int tern_dm_list_resource_instances(anjay_t *anjay, tern_dm_object_t obj,
                                    anjay_iid_t iid, anjay_rid_t rid,
                                    tern_dm_id_list_t *out);

/**
 * Tells whether a Resource Instance exists.
 *
 * @returns 1 if it does, 0 if not, a negative error code on failure.
 */
int tern_dm_resource_instance_present(anjay_t *anjay, tern_dm_object_t obj,
                                      anjay_iid_t iid, anjay_rid_t rid,
                                      anjay_riid_t riid);

/** Calls resource_read. */
int tern_dm_call_resource_read(anjay_t *anjay, tern_dm_object_t obj,
                               anjay_iid_t iid, anjay_rid_t rid,
                               anjay_riid_t riid, anjay_output_ctx_t *ctx);

/** Joins the transaction and calls resource_write. */
int tern_dm_call_resource_write(anjay_t *anjay, tern_dm_object_t obj,
                                anjay_iid_t iid, anjay_rid_t rid,
                                anjay_riid_t riid, anjay_input_ctx_t *ctx);

/** Calls resource_execute. */
int tern_dm_call_resource_execute(anjay_t *anjay, tern_dm_object_t obj,
                                  anjay_iid_t iid, anjay_rid_t rid,
                                  anjay_execute_ctx_t *ctx);

/** Joins the transaction and calls resource_reset. */
int tern_dm_call_resource_reset(anjay_t *anjay, tern_dm_object_t obj,
                                anjay_iid_t iid, anjay_rid_t rid);

/** Joins the transaction and calls instance_reset. */
int tern_dm_call_instance_reset(anjay_t *anjay, tern_dm_object_t obj,
                                anjay_iid_t iid);

/** Joins the transaction and calls instance_create. */
int tern_dm_call_instance_create(anjay_t *anjay, tern_dm_object_t obj,
                                 anjay_iid_t iid);

/** Joins the transaction and calls instance_remove. */
int tern_dm_call_instance_remove(anjay_t *anjay, tern_dm_object_t obj,
                                 anjay_iid_t iid);

#endif /* TERN_LWM2M_DM_HANDLERS_H */
