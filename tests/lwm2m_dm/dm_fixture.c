/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dm_fixture.h"

bool fixture_init(fixture_t *f) {
    memset(f, 0, sizeof(*f));
    dev_object_init(&f->dev);
    multi_object_init(&f->multi);
    multi_object_add(&f->multi, 1, "one", 1);
    multi_object_add(&f->multi, 5, "five", 5);
    if (!(f->anjay = tern_anjay_new_bare())) {
        return false;
    }
    return !anjay_register_object(f->anjay, &f->dev.def) &&
           !anjay_register_object(f->anjay, &f->multi.def);
}

void fixture_cleanup(fixture_t *f) {
    anjay_delete(f->anjay);
    f->anjay = NULL;
}

static void append(char *out, size_t out_size, const char *text) {
    size_t used = strlen(out);
    snprintf(out + used, out_size - used, "%s", text);
}

int summarize(uint16_t format, const tern_io_path_t *base, const void *data,
              size_t len, char *out, size_t out_size) {
    out[0] = '\0';
    tern_io_dec_t dec;
    int status = tern_io_dec_init(&dec, format, base, data, len);
    tern_io_path_t path;
    tern_io_value_t value;
    while (!status && !(status = tern_io_dec_next(&dec, &path, &value))) {
        char text[160];
        char path_text[TERN_IO_PATH_STR_SIZE];
        tern_io_path_format(&path, path_text, sizeof(path_text));
        switch (value.type) {
            case TERN_IO_TYPE_INT:
            case TERN_IO_TYPE_TIME:
                snprintf(text, sizeof(text), "%s=%" PRId64 ";", path_text,
                         value.u.i);
                break;
            case TERN_IO_TYPE_UINT:
                snprintf(text, sizeof(text), "%s=%" PRIu64 ";", path_text,
                         value.u.u);
                break;
            case TERN_IO_TYPE_DOUBLE:
                snprintf(text, sizeof(text), "%s=%g;", path_text, value.u.d);
                break;
            case TERN_IO_TYPE_BOOL:
                snprintf(text, sizeof(text), "%s=%s;", path_text,
                         value.u.b ? "true" : "false");
                break;
            case TERN_IO_TYPE_OBJLNK:
                snprintf(text, sizeof(text), "%s=%u:%u;", path_text,
                         (unsigned) value.u.objlnk.oid,
                         (unsigned) value.u.objlnk.iid);
                break;
            case TERN_IO_TYPE_STRING:
            case TERN_IO_TYPE_RAW_TEXT:
                snprintf(text, sizeof(text), "%s=\"%.*s\";", path_text,
                         (int) value.u.view.len,
                         (const char *) value.u.view.data);
                break;
            case TERN_IO_TYPE_BYTES:
            case TERN_IO_TYPE_RAW_TLV: {
                int n = snprintf(text, sizeof(text), "%s=x", path_text);
                const uint8_t *bytes = (const uint8_t *) value.u.view.data;
                for (size_t i = 0; i < value.u.view.len && n < 150; ++i) {
                    n += snprintf(text + n, sizeof(text) - (size_t) n, "%02x",
                                  bytes[i]);
                }
                snprintf(text + n, sizeof(text) - (size_t) n, ";");
                break;
            }
            default:
                snprintf(text, sizeof(text), "%s=null;", path_text);
                break;
        }
        append(out, out_size, text);
    }
    tern_io_dec_cleanup(&dec);
    return status;
}

static const char *KIND_NAMES[] = {"value", "instances", "attributes",
                                   "objects"};

typedef struct {
    char *out;
    size_t out_size;
} capture_t;

static void capture_handler(anjay_t *anjay, const tern_dm_change_t *changes,
                            size_t count, void *arg) {
    (void) anjay;
    capture_t *capture = (capture_t *) arg;
    for (size_t i = 0; i < count; ++i) {
        char path[TERN_IO_PATH_STR_SIZE];
        char text[64];
        tern_io_path_format(&changes[i].path, path, sizeof(path));
        snprintf(text, sizeof(text), "%s:%s:%u;", KIND_NAMES[changes[i].kind],
                 path, (unsigned) changes[i].ssid);
        append(capture->out, capture->out_size, text);
    }
}

void changes_capture(anjay_t *anjay, char *out, size_t out_size) {
    capture_t capture = {out, out_size};
    out[0] = '\0';
    tern_dm_set_changes_handler(anjay, capture_handler, &capture);
    tern_dm_changes_flush(anjay);
    tern_dm_set_changes_handler(anjay, NULL, NULL);
}
