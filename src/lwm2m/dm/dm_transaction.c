/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "dm_errors.h"
#include "dm_log.h"

void tern_dm_transaction_begin(anjay_t *anjay) {
    ++anjay->transaction.depth;
}

static bool has_transaction_handlers(tern_dm_object_t obj) {
    const anjay_dm_handlers_t *h = &(*obj)->handlers;
    return h->transaction_begin && h->transaction_validate &&
           h->transaction_commit && h->transaction_rollback;
}

int tern_dm_transaction_include(anjay_t *anjay, tern_dm_object_t obj) {
    tern_dm_transaction_t *txn = &anjay->transaction;
    if (!txn->depth) {
        dm_log(ERROR, "modifying /%u outside a transaction",
               (unsigned) tern_dm_oid(obj));
        return ANJAY_ERR_INTERNAL;
    }
    for (size_t i = 0; i < txn->count; ++i) {
        if (txn->objects[i] == obj) {
            return 0;
        }
    }
    if (!has_transaction_handlers(obj)) {
        dm_log(DEBUG, "/%u has no transaction handlers, so it is read-only",
               (unsigned) tern_dm_oid(obj));
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    if (txn->count == txn->capacity) {
        size_t new_capacity = txn->capacity ? 2 * txn->capacity : 4;
        tern_dm_object_t *grown = (tern_dm_object_t *) avs_realloc(
                (void *) txn->objects, new_capacity * sizeof(*grown));
        if (!grown) {
            dm_log(ERROR, "out of memory starting a transaction");
            return ANJAY_ERR_INTERNAL;
        }
        txn->objects = grown;
        txn->capacity = new_capacity;
    }
    int result = (*obj)->handlers.transaction_begin(anjay, obj);
    if (result) {
        dm_log(WARNING, "transaction_begin of /%u failed: %d",
               (unsigned) tern_dm_oid(obj), result);
        return result;
    }
    txn->objects[txn->count++] = obj;
    return 0;
}

int tern_dm_transaction_remove_attrs(anjay_t *anjay, tern_dm_object_t obj,
                                     anjay_iid_t iid,
                                     anjay_ssid_t server_ssid) {
    tern_dm_transaction_t *txn = &anjay->transaction;
    if (txn->attr_removal_count == txn->attr_removal_capacity) {
        size_t new_capacity =
                txn->attr_removal_capacity ? 2 * txn->attr_removal_capacity : 4;
        tern_dm_attr_removal_t *grown = (tern_dm_attr_removal_t *) avs_realloc(
                txn->attr_removals, new_capacity * sizeof(*grown));
        if (!grown) {
            dm_log(ERROR, "out of memory removing attributes");
            return ANJAY_ERR_INTERNAL;
        }
        txn->attr_removals = grown;
        txn->attr_removal_capacity = new_capacity;
    }
    tern_dm_attr_removal_t *removal =
            &txn->attr_removals[txn->attr_removal_count++];
    removal->obj = obj;
    removal->iid = iid;
    removal->server_ssid = server_ssid;
    return 0;
}

/* Called once @p obj has committed: its removed Instances are gone for good,
 * and so are their attributes. */
static void apply_attr_removals(anjay_t *anjay, tern_dm_object_t obj) {
    tern_dm_transaction_t *txn = &anjay->transaction;
    for (size_t i = 0; i < txn->attr_removal_count; ++i) {
        const tern_dm_attr_removal_t *removal = &txn->attr_removals[i];
        if (removal->obj != obj) {
            continue;
        }
        tern_io_path_t path =
                tern_io_path_instance(tern_dm_oid(obj), removal->iid);
        tern_attr_storage_remove_path(&anjay->attr_storage, &path);
        if (removal->server_ssid) {
            tern_attr_storage_remove_ssid(&anjay->attr_storage,
                                          removal->server_ssid);
        }
    }
}

static void rollback_all(anjay_t *anjay) {
    tern_dm_transaction_t *txn = &anjay->transaction;
    for (size_t i = txn->count; i-- > 0;) {
        tern_dm_object_t obj = txn->objects[i];
        int result = (*obj)->handlers.transaction_rollback(anjay, obj);
        if (result) {
            dm_log(ERROR, "transaction_rollback of /%u failed: %d",
                   (unsigned) tern_dm_oid(obj), result);
        }
    }
}

static int validate_all(anjay_t *anjay) {
    tern_dm_transaction_t *txn = &anjay->transaction;
    for (size_t i = 0; i < txn->count; ++i) {
        tern_dm_object_t obj = txn->objects[i];
        int result = (*obj)->handlers.transaction_validate(anjay, obj);
        if (result) {
            dm_log(DEBUG, "/%u rejected the changes: %d",
                   (unsigned) tern_dm_oid(obj), result);
            /* A validation failure means the request asked for something
             * inconsistent, unless the Object says precisely otherwise. */
            return tern_dm_is_coap_error(result) ? result
                                                 : ANJAY_ERR_BAD_REQUEST;
        }
    }
    return 0;
}

static int commit_all(anjay_t *anjay) {
    tern_dm_transaction_t *txn = &anjay->transaction;
    int final_result = 0;
    for (size_t i = 0; i < txn->count; ++i) {
        tern_dm_object_t obj = txn->objects[i];
        int result = (*obj)->handlers.transaction_commit(anjay, obj);
        if (result) {
            /* The Object promised in validate that this cannot happen; the
             * others are committed already, so only this one is undone. */
            dm_log(ERROR, "transaction_commit of /%u failed: %d",
                   (unsigned) tern_dm_oid(obj), result);
            (void) (*obj)->handlers.transaction_rollback(anjay, obj);
            if (!final_result) {
                final_result = result;
            }
        } else {
            apply_attr_removals(anjay, obj);
        }
    }
    return final_result;
}

int tern_dm_transaction_finish(anjay_t *anjay, int result) {
    tern_dm_transaction_t *txn = &anjay->transaction;
    if (!txn->depth) {
        dm_log(ERROR, "finishing a transaction that is not open");
        return ANJAY_ERR_INTERNAL;
    }
    if (--txn->depth) {
        return result;
    }
    if (!result && !(result = validate_all(anjay))) {
        result = commit_all(anjay);
    } else {
        rollback_all(anjay);
    }
    txn->count = 0;
    txn->attr_removal_count = 0;
    tern_dm_change_list_t pending = txn->pending;
    txn->pending = (tern_dm_change_list_t){NULL, 0, 0};
    if (!result) {
        for (size_t i = 0; i < pending.count; ++i) {
            (void) tern_dm_changes_record(anjay, pending.items[i].kind,
                                          &pending.items[i].path,
                                          pending.items[i].ssid);
        }
    }
    tern_dm_change_list_clear(&pending);
    return result;
}

void tern_dm_transaction_cleanup(tern_dm_transaction_t *txn) {
    avs_free((void *) txn->objects);
    txn->objects = NULL;
    txn->count = 0;
    txn->capacity = 0;
    txn->depth = 0;
    avs_free(txn->attr_removals);
    txn->attr_removals = NULL;
    txn->attr_removal_count = 0;
    txn->attr_removal_capacity = 0;
    tern_dm_change_list_clear(&txn->pending);
}
