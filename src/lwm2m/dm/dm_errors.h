/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Mapping of handler and codec results to CoAP response codes.
 */
#ifndef TERN_LWM2M_DM_ERRORS_H
#define TERN_LWM2M_DM_ERRORS_H

#include <anjay/core.h>

/**
 * Whether @p result is a negated CoAP error code (class 4 or 5), i.e. one
 * the library sends as is.
 */
static inline bool tern_dm_is_coap_error(int result) {
    return result <= -(int) ANJAY_COAP_STATUS(4, 0) &&
           result >= -(int) ANJAY_COAP_STATUS(5, 31);
}

/**
 * The CoAP code to answer with for a failed operation: the code itself for
 * ANJAY_ERR_* values, 5.00 for any other negative value.
 */
static inline uint8_t tern_dm_error_to_coap(int result) {
    return tern_dm_is_coap_error(result) ? (uint8_t) -result
                                         : ANJAY_COAP_STATUS(5, 0);
}

/**
 * Converts a codec status (TERN_IO_ERR_*) met while decoding a request
 * payload into a negated CoAP code: memory errors are 5.00, everything
 * else means the payload is unacceptable (4.00).
 */
int tern_dm_decode_error(int io_status);

#endif /* TERN_LWM2M_DM_ERRORS_H */
