/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <math.h>
#include <string.h>

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>

#include "attr_storage.h"

bool tern_attr_oi_empty(const anjay_dm_oi_attributes_t *attrs) {
    return attrs->min_period < 0 && attrs->max_period < 0 &&
           attrs->min_eval_period < 0 && attrs->max_eval_period < 0 &&
           attrs->con == ANJAY_DM_CON_ATTR_NONE;
}

bool tern_attr_r_empty(const anjay_dm_r_attributes_t *attrs) {
    return tern_attr_oi_empty(&attrs->common) && isnan(attrs->greater_than) &&
           isnan(attrs->less_than) && isnan(attrs->step);
}

static bool same_double(double a, double b) {
    return (isnan(a) && isnan(b)) || a == b;
}

static bool attrs_equal(const anjay_dm_r_attributes_t *a,
                        const anjay_dm_r_attributes_t *b) {
    return a->common.min_period == b->common.min_period &&
           a->common.max_period == b->common.max_period &&
           a->common.min_eval_period == b->common.min_eval_period &&
           a->common.max_eval_period == b->common.max_eval_period &&
           a->common.con == b->common.con &&
           same_double(a->greater_than, b->greater_than) &&
           same_double(a->less_than, b->less_than) &&
           same_double(a->step, b->step);
}

static int entry_compare(anjay_ssid_t ssid, const tern_io_path_t *path,
                         const tern_attr_entry_t *entry) {
    if (ssid != entry->ssid) {
        return ssid < entry->ssid ? -1 : 1;
    }
    return tern_io_path_compare(path, &entry->path);
}

/* Index of the first entry not sorting before (ssid, path). */
static size_t lower_bound(const tern_attr_storage_t *storage, anjay_ssid_t ssid,
                          const tern_io_path_t *path) {
    size_t lo = 0;
    size_t hi = storage->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (entry_compare(ssid, path, &storage->entries[mid]) > 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

void tern_attr_storage_get(const tern_attr_storage_t *storage,
                           anjay_ssid_t ssid, const tern_io_path_t *path,
                           anjay_dm_r_attributes_t *out) {
    size_t index = lower_bound(storage, ssid, path);
    if (index < storage->count &&
        !entry_compare(ssid, path, &storage->entries[index])) {
        *out = storage->entries[index].attrs;
    } else {
        *out = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    }
}

static void remove_at(tern_attr_storage_t *storage, size_t index) {
    memmove(&storage->entries[index], &storage->entries[index + 1],
            (storage->count - index - 1) * sizeof(*storage->entries));
    --storage->count;
    storage->modified = true;
}

int tern_attr_storage_set(tern_attr_storage_t *storage, anjay_ssid_t ssid,
                          const tern_io_path_t *path,
                          const anjay_dm_r_attributes_t *attrs) {
    size_t index = lower_bound(storage, ssid, path);
    bool exists = index < storage->count &&
                  !entry_compare(ssid, path, &storage->entries[index]);
    if (tern_attr_r_empty(attrs)) {
        if (exists) {
            remove_at(storage, index);
        }
        return 0;
    }
    if (exists) {
        if (!attrs_equal(&storage->entries[index].attrs, attrs)) {
            storage->entries[index].attrs = *attrs;
            storage->modified = true;
        }
        return 0;
    }
    if (storage->count == storage->capacity) {
        size_t new_capacity = storage->capacity ? 2 * storage->capacity : 8;
        tern_attr_entry_t *grown = (tern_attr_entry_t *) avs_realloc(
                storage->entries, new_capacity * sizeof(*grown));
        if (!grown) {
            avs_log(dm, ERROR, "out of memory storing attributes");
            return ANJAY_ERR_INTERNAL;
        }
        storage->entries = grown;
        storage->capacity = new_capacity;
    }
    memmove(&storage->entries[index + 1], &storage->entries[index],
            (storage->count - index) * sizeof(*storage->entries));
    memset(&storage->entries[index], 0, sizeof(storage->entries[index]));
    storage->entries[index].ssid = ssid;
    storage->entries[index].path = *path;
    storage->entries[index].attrs = *attrs;
    ++storage->count;
    storage->modified = true;
    return 0;
}

void tern_attr_storage_remove_path(tern_attr_storage_t *storage,
                                   const tern_io_path_t *path) {
    for (size_t i = storage->count; i-- > 0;) {
        if (tern_io_path_is_prefix(path, &storage->entries[i].path)) {
            remove_at(storage, i);
        }
    }
}

void tern_attr_storage_remove_ssid(tern_attr_storage_t *storage,
                                   anjay_ssid_t ssid) {
    for (size_t i = storage->count; i-- > 0;) {
        if (storage->entries[i].ssid == ssid) {
            remove_at(storage, i);
        }
    }
}

void tern_attr_storage_cleanup(tern_attr_storage_t *storage) {
    avs_free(storage->entries);
    memset(storage, 0, sizeof(*storage));
}
