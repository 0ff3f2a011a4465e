/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The built-in attribute storage: attributes set by each server on each
 * path, for Objects that do not implement the *_attrs handlers.
 *
 * This level stores and returns exactly what was set on one path. The
 * data model (dm/dm_attributes.h) decides between handlers and storage
 * and computes inherited, effective attributes.
 */
#ifndef TERN_LWM2M_ATTR_STORAGE_H
#define TERN_LWM2M_ATTR_STORAGE_H

#include <anjay/dm.h>

#include "../io/io_path.h"

/** Attributes of one server on one path. */
typedef struct {
    /** The server. */
    anjay_ssid_t ssid;
    /** /oid, /oid/iid, /oid/iid/rid or /oid/iid/rid/riid. */
    tern_io_path_t path;
    /** The attributes; at Object and Instance level only @c common. */
    anjay_dm_r_attributes_t attrs;
} tern_attr_entry_t;

/** All stored attributes, sorted by server, then path. */
typedef struct {
    /** The entries; none of them has all attributes unset. */
    tern_attr_entry_t *entries;
    /** Number of entries. */
    size_t count;
    /** Allocated slots. */
    size_t capacity;
    /** Changed since creation or the last persist / restore. */
    bool modified;
} tern_attr_storage_t;

/**
 * Returns what @p ssid set on exactly @p path.
 *
 * @param storage The storage.
 * @param ssid    Server.
 * @param path    Path with 1 to 4 ids.
 * @param out     Receives the attributes (all unset if none were set).
 */
void tern_attr_storage_get(const tern_attr_storage_t *storage,
                           anjay_ssid_t ssid, const tern_io_path_t *path,
                           anjay_dm_r_attributes_t *out);

/**
 * Replaces what @p ssid set on @p path; attributes with nothing set remove
 * the entry.
 *
 * @param storage The storage.
 * @param ssid    Server.
 * @param path    Path with 1 to 4 ids.
 * @param attrs   The new attributes.
 * @returns 0, or ANJAY_ERR_INTERNAL on lack of memory (logged).
 */
int tern_attr_storage_set(tern_attr_storage_t *storage, anjay_ssid_t ssid,
                          const tern_io_path_t *path,
                          const anjay_dm_r_attributes_t *attrs);

/**
 * Forgets the attributes of every server on @p path and below it.
 *
 * @param storage The storage.
 * @param path    Path with 1 to 4 ids.
 */
void tern_attr_storage_remove_path(tern_attr_storage_t *storage,
                                   const tern_io_path_t *path);

/**
 * Forgets everything one server set.
 *
 * @param storage The storage.
 * @param ssid    The server.
 */
void tern_attr_storage_remove_ssid(tern_attr_storage_t *storage,
                                   anjay_ssid_t ssid);

/** Whether no attribute of @p attrs is set. */
bool tern_attr_r_empty(const anjay_dm_r_attributes_t *attrs);

/** Whether no attribute of @p attrs is set. */
bool tern_attr_oi_empty(const anjay_dm_oi_attributes_t *attrs);

/** Frees the storage's memory. */
void tern_attr_storage_cleanup(tern_attr_storage_t *storage);

#endif /* TERN_LWM2M_ATTR_STORAGE_H */
