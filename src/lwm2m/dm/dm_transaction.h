/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Transactions spanning every Object a modifying operation touches.
 *
 * An operation calls tern_dm_transaction_begin(), then
 * tern_dm_transaction_include() before the first modifying handler call on
 * each Object (which calls that Object's transaction_begin handler once),
 * and finally tern_dm_transaction_finish() with its result. Transactions
 * nest: only the outermost finish validates and commits (or rolls back)
 * the Objects, which lets the session layer keep one transaction open for
 * a whole bootstrap sequence while each Bootstrap-Write joins it.
 *
 * Changes recorded (tern_dm_changes_record) while a transaction is open are
 * held back and delivered only if it commits. Likewise the stored attributes
 * of a removed Instance are forgotten only once its Object commits, so that
 * a rollback brings back the Instance together with its attributes.
 */
#ifndef TERN_LWM2M_DM_TRANSACTION_H
#define TERN_LWM2M_DM_TRANSACTION_H

#include "dm_changes.h"
#include "dm_registry.h"

/** Stored attributes to forget when an Object commits an Instance removal. */
typedef struct {
    /** The Object the Instance was removed from. */
    tern_dm_object_t obj;
    /** The removed Instance. */
    anjay_iid_t iid;
    /** Server whose attributes all go too (a removed Server Object
     * Instance's), or 0 for none. */
    anjay_ssid_t server_ssid;
} tern_dm_attr_removal_t;

/** State of the current transaction. */
typedef struct {
    /** Nesting depth; 0 when no transaction is open. */
    unsigned depth;
    /** Objects whose transaction_begin handler has been called. */
    tern_dm_object_t *objects;
    /** Number of entries of @c objects. */
    size_t count;
    /** Allocated slots of @c objects. */
    size_t capacity;
    /** Changes held back until the outermost commit. */
    tern_dm_change_list_t pending;
    /** Attribute removals held back until their Object commits. */
    tern_dm_attr_removal_t *attr_removals;
    /** Number of entries of @c attr_removals. */
    size_t attr_removal_count;
    /** Allocated slots of @c attr_removals. */
    size_t attr_removal_capacity;
} tern_dm_transaction_t;

/**
 * Opens a transaction, or a nested level of the open one.
 *
 * @param anjay Client object.
 */
void tern_dm_transaction_begin(anjay_t *anjay);

/**
 * Makes @p obj part of the open transaction, calling its transaction_begin
 * handler the first time.
 *
 * @param anjay Client object; a transaction must be open.
 * @param obj   The Object about to be modified.
 * @returns 0, ANJAY_ERR_METHOD_NOT_ALLOWED if the Object has no transaction
 *          handlers, or the handler's error.
 */
int tern_dm_transaction_include(anjay_t *anjay, tern_dm_object_t obj);

/**
 * Arranges for the stored attributes of Instance @p iid of @p obj (and, if
 * @p server_ssid is non-zero, everything that server set) to be forgotten
 * when @p obj commits; nothing is forgotten if it rolls back.
 *
 * @param anjay       Client object; @p obj must be part of the open
 *                    transaction.
 * @param obj         The Object the Instance was removed from.
 * @param iid         The removed Instance.
 * @param server_ssid Server whose attributes all go too, or 0.
 * @returns 0, or ANJAY_ERR_INTERNAL on lack of memory (logged).
 */
int tern_dm_transaction_remove_attrs(anjay_t *anjay, tern_dm_object_t obj,
                                     anjay_iid_t iid, anjay_ssid_t server_ssid);

/**
 * Closes one level. At the outermost level, with @p result 0, validates
 * every included Object and commits them all if all are valid; otherwise
 * (or with a non-zero @p result) rolls them all back. Held-back changes are
 * then delivered or dropped, and held-back attribute removals applied for
 * the Objects that committed.
 *
 * @param anjay  Client object.
 * @param result Outcome of the work done in this level.
 * @returns @p result if non-zero, else 0 or the validation / commit error
 *          (validation errors that are not ANJAY_ERR_* codes become
 *          ANJAY_ERR_BAD_REQUEST).
 */
int tern_dm_transaction_finish(anjay_t *anjay, int result);

/** Frees the transaction state; used by anjay_delete(). */
void tern_dm_transaction_cleanup(tern_dm_transaction_t *txn);

#endif /* TERN_LWM2M_DM_TRANSACTION_H */
