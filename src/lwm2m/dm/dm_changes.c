/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "dm_log.h"

static bool change_equal(const tern_dm_change_t *a, const tern_dm_change_t *b) {
    return a->kind == b->kind && a->ssid == b->ssid &&
           tern_io_path_equal(&a->path, &b->path);
}

int tern_dm_change_list_add(tern_dm_change_list_t *list,
                            const tern_dm_change_t *change) {
    for (size_t i = 0; i < list->count; ++i) {
        if (change_equal(&list->items[i], change)) {
            return 0;
        }
    }
    if (list->count == list->capacity) {
        size_t new_capacity = list->capacity ? 2 * list->capacity : 8;
        tern_dm_change_t *grown = (tern_dm_change_t *) avs_realloc(
                list->items, new_capacity * sizeof(*grown));
        if (!grown) {
            dm_log(ERROR, "out of memory recording a data model change");
            return ANJAY_ERR_INTERNAL;
        }
        list->items = grown;
        list->capacity = new_capacity;
    }
    list->items[list->count++] = *change;
    return 0;
}

void tern_dm_change_list_clear(tern_dm_change_list_t *list) {
    avs_free(list->items);
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}

static void flush_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    anjay_t *anjay = *(anjay_t *const *) data;
    tern_dm_changes_flush(anjay);
}

void tern_dm_set_changes_handler(anjay_t *anjay,
                                 tern_dm_changes_handler_t *handler,
                                 void *arg) {
    anjay->changes.handler = handler;
    anjay->changes.handler_arg = arg;
}

static int enqueue(anjay_t *anjay, const tern_dm_change_t *change) {
    int result = tern_dm_change_list_add(&anjay->changes.queue, change);
    if (!result && !anjay->changes.flush_job && anjay->sched &&
        AVS_SCHED_NOW(anjay->sched, &anjay->changes.flush_job, flush_job,
                      &anjay, sizeof(anjay))) {
        dm_log(ERROR, "cannot schedule delivery of data model changes");
        result = ANJAY_ERR_INTERNAL;
    }
    return result;
}

static tern_dm_change_t make_change(tern_dm_change_kind_t kind,
                                    const tern_io_path_t *path,
                                    anjay_ssid_t ssid) {
    tern_dm_change_t change;
    memset(&change, 0, sizeof(change));
    change.kind = kind;
    change.path = *path;
    change.ssid = ssid;
    return change;
}

int tern_dm_changes_record(anjay_t *anjay, tern_dm_change_kind_t kind,
                           const tern_io_path_t *path, anjay_ssid_t ssid) {
    tern_dm_change_t change = make_change(kind, path, ssid);
    if (anjay->transaction.depth) {
        return tern_dm_change_list_add(&anjay->transaction.pending, &change);
    }
    return enqueue(anjay, &change);
}

void tern_dm_changes_flush(anjay_t *anjay) {
    avs_sched_del(&anjay->changes.flush_job);
    /* The handler may record new changes (e.g. by writing the data model);
     * those go to a fresh queue and a new delivery job. */
    tern_dm_change_list_t batch = anjay->changes.queue;
    anjay->changes.queue = (tern_dm_change_list_t){NULL, 0, 0};
    if (anjay->changes.handler && batch.count) {
        anjay->changes.handler(anjay, batch.items, batch.count,
                               anjay->changes.handler_arg);
    }
    tern_dm_change_list_clear(&batch);
}

void tern_dm_changes_cleanup(tern_dm_changes_t *changes) {
    avs_sched_del(&changes->flush_job);
    tern_dm_change_list_clear(&changes->queue);
}

/* Application changes never wait for a server's transaction: they
 * describe values that have changed already. */
int anjay_notify_changed(anjay_t *anjay, anjay_oid_t oid, anjay_iid_t iid,
                         anjay_rid_t rid) {
    if (!anjay) {
        return -1;
    }
    if (oid == ANJAY_ID_INVALID || iid == ANJAY_ID_INVALID ||
        rid == ANJAY_ID_INVALID) {
        dm_log(ERROR, "anjay_notify_changed: invalid path /%u/%u/%u",
               (unsigned) oid, (unsigned) iid, (unsigned) rid);
        return -1;
    }
    tern_io_path_t path = tern_io_path_resource(oid, iid, rid);
    tern_dm_change_t change =
            make_change(TERN_DM_CHANGE_VALUE, &path, ANJAY_SSID_ANY);
    return enqueue(anjay, &change);
}

int anjay_notify_instances_changed(anjay_t *anjay, anjay_oid_t oid) {
    if (!anjay) {
        return -1;
    }
    if (oid == ANJAY_ID_INVALID) {
        dm_log(ERROR, "anjay_notify_instances_changed: invalid Object ID");
        return -1;
    }
    tern_io_path_t path = tern_io_path_object(oid);
    tern_dm_change_t change =
            make_change(TERN_DM_CHANGE_INSTANCES, &path, ANJAY_SSID_ANY);
    return enqueue(anjay, &change);
}
