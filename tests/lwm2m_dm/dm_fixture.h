/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A client with the two test Objects registered, rebuilt for every test,
 * and a summary of decoded payloads for comparisons.
 */
#ifndef TERN_TEST_LWM2M_DM_FIXTURE_H
#define TERN_TEST_LWM2M_DM_FIXTURE_H

#include <avsystem/commons/avs_memory.h>

#include "lwm2m/anjay_core.h"
#include "lwm2m/dm/dm_read.h"
#include "lwm2m/io/io.h"
#include "test_objects.h"

typedef struct {
    anjay_t *anjay;
    dev_object_t dev;
    multi_object_t multi;
} fixture_t;

/** Creates the client and registers the objects; NULL-free on failure. */
bool fixture_init(fixture_t *f);

/** Frees the client. */
void fixture_cleanup(fixture_t *f);

/**
 * Decodes a payload and writes "path=value;" per entry into @p out. Values
 * are typed as the decoder gives them; RAW_TLV values as hex.
 *
 * @returns the decoder status at the end (TERN_IO_END when complete).
 */
int summarize(uint16_t format, const tern_io_path_t *base, const void *data,
              size_t len, char *out, size_t out_size);

/** Collects every change delivered, as "kind:path:ssid;" text. */
void changes_capture(anjay_t *anjay, char *out, size_t out_size);

#endif /* TERN_TEST_LWM2M_DM_FIXTURE_H */
