/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The data model operation engine: the entry point the session layer calls
 * for every LwM2M request a server sends to the client.
 *
 * The engine knows nothing of CoAP messages or sockets. The session layer
 * turns a request into a @ref tern_dm_request_t (tern_dm_op_from_coap()
 * classifies the method), calls tern_dm_handle(), and turns the
 * @ref tern_dm_response_t and the payload written into its buffer into the
 * CoAP response (code, Content-Format, Location-Path for Create, Block2
 * when the payload is larger than one block).
 *
 * Block-wise responses are stateless: the engine produces the whole payload
 * each time and copies out the window starting at @c payload_offset, so the
 * session asks again with the next offset for the next block (a value may
 * change between blocks; ETags are the session layer's business).
 *
 * Block-wise requests (Block1) are reassembled by the session layer before
 * calling the engine, which needs the complete payload.
 */
#ifndef TERN_LWM2M_DM_REQUEST_H
#define TERN_LWM2M_DM_REQUEST_H

#include <anjay/core.h>

#include "../io/io_path.h"

/** Content-Format value meaning "none given". */
#define TERN_DM_FORMAT_NONE 0xFFFF

/** The operations. */
typedef enum {
    /** GET without Accept: application/link-format. */
    TERN_DM_OP_READ,
    /** GET with Accept: application/link-format. */
    TERN_DM_OP_DISCOVER,
    /** PUT with a Content-Format on /oid/iid, /oid/iid/rid or
     * /oid/iid/rid/riid, or POST on /oid/iid/rid/riid: replace. For the
     * Bootstrap Server this is Bootstrap-Write (also on /oid). */
    TERN_DM_OP_WRITE_REPLACE,
    /** POST on /oid/iid: partial update. */
    TERN_DM_OP_WRITE_UPDATE,
    /** PUT without Content-Format: Write-Attributes from Uri-Query. */
    TERN_DM_OP_WRITE_ATTRIBUTES,
    /** POST on /oid/iid/rid. */
    TERN_DM_OP_EXECUTE,
    /** POST on /oid. */
    TERN_DM_OP_CREATE,
    /** DELETE; Bootstrap-Delete for the Bootstrap Server. */
    TERN_DM_OP_DELETE,
    /** FETCH: Read-Composite; the payload lists the paths. */
    TERN_DM_OP_READ_COMPOSITE,
    /** iPATCH: Write-Composite. */
    TERN_DM_OP_WRITE_COMPOSITE
} tern_dm_op_t;

/** One request from a server. */
typedef struct {
    /** The operation. */
    tern_dm_op_t op;
    /** Uri-Path as a data model path (the root for composite operations). */
    tern_io_path_t path;
    /** The requesting server; ANJAY_SSID_BOOTSTRAP for the Bootstrap Server,
     * which turns Write, Read, Delete and Discover into their Bootstrap
     * forms. */
    anjay_ssid_t ssid;
    /** Protocol version of the server's registration; Discover and the
     * default content formats depend on it. */
    anjay_lwm2m_version_t lwm2m_version;
    /** Content-Format of the payload, or TERN_DM_FORMAT_NONE. */
    uint16_t content_format;
    /** Accept option, or TERN_DM_FORMAT_NONE. */
    uint16_t accept;
    /** The complete request payload (may be NULL when empty). */
    const void *payload;
    /** Its size. */
    size_t payload_size;
    /** Uri-Query options (Write-Attributes), each "name" or "name=value",
     * not NUL-terminated. */
    const tern_io_str_t *query;
    /** Number of entries of @c query. */
    size_t query_count;
    /** First byte of the response payload to copy out (Block2). */
    size_t payload_offset;
    /** Largest response payload the engine builds; 0 means 64 KiB. A
     * response that would be larger fails with 5.00. */
    size_t max_payload_size;
} tern_dm_request_t;

/** The outcome. */
typedef struct {
    /** CoAP response code, e.g. ANJAY_COAP_STATUS(2, 5). */
    uint8_t code;
    /** Content-Format of the payload, or TERN_DM_FORMAT_NONE without one. */
    uint16_t content_format;
    /** Bytes copied into the caller's buffer. */
    size_t payload_size;
    /** Size of the whole payload; more than payload_offset + payload_size
     * means further blocks remain. */
    size_t payload_total_size;
    /** Create: the new Instance, /oid/iid (send as Location-Path). Otherwise
     * the root path. */
    tern_io_path_t location;
} tern_dm_response_t;

/**
 * Handles one request.
 *
 * Modifying operations run in a transaction over every Object they touch
 * and record their changes (see dm_changes.h) when it commits. Errors are
 * logged once, where they are detected, and mapped to the response code:
 * 4.00 malformed payload or query, 4.01 Security Object asked by a
 * management server, 4.04 missing Object / Instance / Resource, 4.05
 * operation not allowed on the target, 4.06 Accept cannot be produced,
 * 4.15 unsupported Content-Format, 5.00 internal errors; handler results
 * that are ANJAY_ERR_* codes are passed through.
 *
 * @param anjay        Client object.
 * @param request      The request.
 * @param out_buf      Receives the response payload window.
 * @param out_buf_size Its size (the block size for block-wise transfers).
 * @param response     Receives the outcome; always filled.
 * @returns 0 when @c response->code is a success code, otherwise the
 *          negated response code.
 */
int tern_dm_handle(anjay_t *anjay, const tern_dm_request_t *request,
                   void *out_buf, size_t out_buf_size,
                   tern_dm_response_t *response);

/**
 * Maps a CoAP method to the operation it means (LwM2M 1.1 section 8).
 * Bootstrap-Finish (POST /bs) is not a data model operation and is not
 * handled here.
 *
 * @param method             CoAP method code (0.01 GET ... 0.07 iPATCH).
 * @param path               Uri-Path as a data model path.
 * @param accept             Accept option, or TERN_DM_FORMAT_NONE.
 * @param has_content_format Whether the request has a Content-Format.
 * @param out_op             Receives the operation.
 * @returns 0, or ANJAY_ERR_METHOD_NOT_ALLOWED for a method that is no data
 *          model operation.
 */
int tern_dm_op_from_coap(uint8_t method, const tern_io_path_t *path,
                         uint16_t accept, bool has_content_format,
                         tern_dm_op_t *out_op);

#endif /* TERN_LWM2M_DM_REQUEST_H */
