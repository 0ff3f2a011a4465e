/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Writing decoded entries into Resources, shared by Write, Write-Composite,
 * Bootstrap-Write and Create.
 */
#ifndef TERN_LWM2M_DM_WRITE_H
#define TERN_LWM2M_DM_WRITE_H

#include "../io/io.h"
#include "dm_handlers.h"

/** How Multiple-Instance Resources and permissions are treated. */
typedef enum {
    /** Replace: each Multiple-Instance Resource is emptied before its
     * first Instance is written. */
    TERN_DM_WRITE_REPLACE,
    /** Partial update: Resource Instances are added or overwritten. */
    TERN_DM_WRITE_UPDATE,
    /** Bootstrap-Write: replace, and read-only Resources are writable. */
    TERN_DM_WRITE_BOOTSTRAP
} tern_dm_write_mode_t;

/** State of a sequence of entry writes within one operation. */
typedef struct {
    /** Client object. */
    anjay_t *anjay;
    /** Server causing the changes. */
    anjay_ssid_t ssid;
    /** Write semantics. */
    tern_dm_write_mode_t mode;
    /** Object and Instance whose Resource list is cached. */
    tern_dm_object_t cached_obj;
    /** See @c cached_obj. */
    anjay_iid_t cached_iid;
    /** The cached listing. */
    tern_dm_res_list_t resources;
    /** Multiple-Instance Resources already emptied, as /oid/iid/rid. */
    tern_io_path_t *reset;
    /** Number of entries of @c reset. */
    size_t reset_count;
    /** Allocated slots of @c reset. */
    size_t reset_capacity;
} tern_dm_writer_t;

/** Prepares a writer. */
void tern_dm_writer_init(tern_dm_writer_t *writer, anjay_t *anjay,
                         anjay_ssid_t ssid, tern_dm_write_mode_t mode);

/** Frees a writer's memory. */
void tern_dm_writer_cleanup(tern_dm_writer_t *writer);

/** Forgets the cached Resource list (after an Instance was created). */
void tern_dm_writer_invalidate(tern_dm_writer_t *writer);

/**
 * Writes one decoded entry of an existing Instance and records the change.
 *
 * @param writer          The writer; a transaction must be open.
 * @param obj             The Object of @p path.
 * @param path            /oid/iid/rid or /oid/iid/rid/riid.
 * @param value           The decoded value (NULL type: empty Multiple
 *                        Resource).
 * @param lenient         Whether the request targeted a whole Object or
 *                        Instance: unsupported Resources (and 4.04 / 5.01
 *                        from the handler) are then skipped, as LwM2M
 *                        requires.
 * @returns 0 or a negative error code.
 */
int tern_dm_write_entry(tern_dm_writer_t *writer, tern_dm_object_t obj,
                        const tern_io_path_t *path,
                        const tern_io_value_t *value, bool lenient);

#endif /* TERN_LWM2M_DM_WRITE_H */
