/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file coap_msg.h
 * CoAP messages: codes, options, parsing and building (RFC 7252, 7959, 7641,
 * 8323, 7967).
 *
 * A parsed message is a view into the caller's buffer: nothing is copied and
 * nothing is allocated. The same @ref tern_coap_msg_t describes a message to
 * send: fill in the code, the token, an encoded option list (built with
 * @ref tern_coap_opts_t) and the payload, then serialize it for UDP or for
 * TCP into a buffer of your own.
 *
 * Functions of this header return 0 on success or a negative
 * @ref tern_coap_err_t. They never log and never allocate: a caller that
 * rejects a message logs the reason, e.g. with tern_coap_strerror().
 */
#ifndef TERN_COAP_MSG_H
#define TERN_COAP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Message types of CoAP over UDP (meaningless over TCP). */
typedef enum {
    TERN_COAP_TYPE_CON = 0,
    TERN_COAP_TYPE_NON = 1,
    TERN_COAP_TYPE_ACK = 2,
    TERN_COAP_TYPE_RST = 3
} tern_coap_type_t;

/** A code from its class and detail, e.g. TERN_COAP_CODE(2, 5) for 2.05. */
#define TERN_COAP_CODE(Class, Detail)                                          \
    ((uint8_t) ((((unsigned) (Class)) << 5) | ((unsigned) (Detail) &0x1F)))
/** The class of a code (2 for 2.05). */
#define TERN_COAP_CODE_CLASS(Code) ((unsigned) (Code) >> 5)
/** The detail of a code (5 for 2.05). */
#define TERN_COAP_CODE_DETAIL(Code) ((unsigned) (Code) &0x1F)

/** Method, response and signaling codes. */
enum {
    TERN_COAP_CODE_EMPTY = TERN_COAP_CODE(0, 0),
    TERN_COAP_CODE_GET = TERN_COAP_CODE(0, 1),
    TERN_COAP_CODE_POST = TERN_COAP_CODE(0, 2),
    TERN_COAP_CODE_PUT = TERN_COAP_CODE(0, 3),
    TERN_COAP_CODE_DELETE = TERN_COAP_CODE(0, 4),
    TERN_COAP_CODE_FETCH = TERN_COAP_CODE(0, 5),
    TERN_COAP_CODE_PATCH = TERN_COAP_CODE(0, 6),
    TERN_COAP_CODE_IPATCH = TERN_COAP_CODE(0, 7),

    TERN_COAP_CODE_CREATED = TERN_COAP_CODE(2, 1),
    TERN_COAP_CODE_DELETED = TERN_COAP_CODE(2, 2),
    TERN_COAP_CODE_VALID = TERN_COAP_CODE(2, 3),
    TERN_COAP_CODE_CHANGED = TERN_COAP_CODE(2, 4),
    TERN_COAP_CODE_CONTENT = TERN_COAP_CODE(2, 5),
    TERN_COAP_CODE_CONTINUE = TERN_COAP_CODE(2, 31),

    TERN_COAP_CODE_BAD_REQUEST = TERN_COAP_CODE(4, 0),
    TERN_COAP_CODE_UNAUTHORIZED = TERN_COAP_CODE(4, 1),
    TERN_COAP_CODE_BAD_OPTION = TERN_COAP_CODE(4, 2),
    TERN_COAP_CODE_FORBIDDEN = TERN_COAP_CODE(4, 3),
    TERN_COAP_CODE_NOT_FOUND = TERN_COAP_CODE(4, 4),
    TERN_COAP_CODE_METHOD_NOT_ALLOWED = TERN_COAP_CODE(4, 5),
    TERN_COAP_CODE_NOT_ACCEPTABLE = TERN_COAP_CODE(4, 6),
    TERN_COAP_CODE_REQUEST_ENTITY_INCOMPLETE = TERN_COAP_CODE(4, 8),
    TERN_COAP_CODE_CONFLICT = TERN_COAP_CODE(4, 9),
    TERN_COAP_CODE_PRECONDITION_FAILED = TERN_COAP_CODE(4, 12),
    TERN_COAP_CODE_REQUEST_ENTITY_TOO_LARGE = TERN_COAP_CODE(4, 13),
    TERN_COAP_CODE_UNSUPPORTED_CONTENT_FORMAT = TERN_COAP_CODE(4, 15),

    TERN_COAP_CODE_INTERNAL_SERVER_ERROR = TERN_COAP_CODE(5, 0),
    TERN_COAP_CODE_NOT_IMPLEMENTED = TERN_COAP_CODE(5, 1),
    TERN_COAP_CODE_BAD_GATEWAY = TERN_COAP_CODE(5, 2),
    TERN_COAP_CODE_SERVICE_UNAVAILABLE = TERN_COAP_CODE(5, 3),
    TERN_COAP_CODE_GATEWAY_TIMEOUT = TERN_COAP_CODE(5, 4),
    TERN_COAP_CODE_PROXYING_NOT_SUPPORTED = TERN_COAP_CODE(5, 5),

    /* Signaling codes, CoAP over TCP only (RFC 8323). */
    TERN_COAP_CODE_CSM = TERN_COAP_CODE(7, 1),
    TERN_COAP_CODE_PING = TERN_COAP_CODE(7, 2),
    TERN_COAP_CODE_PONG = TERN_COAP_CODE(7, 3),
    TERN_COAP_CODE_RELEASE = TERN_COAP_CODE(7, 4),
    TERN_COAP_CODE_ABORT = TERN_COAP_CODE(7, 5)
};

/** True for method codes (class 0, not Empty). */
static inline bool tern_coap_code_is_request(uint8_t code) {
    return code != TERN_COAP_CODE_EMPTY && TERN_COAP_CODE_CLASS(code) == 0;
}

/** True for response codes (classes 2, 4 and 5). */
static inline bool tern_coap_code_is_response(uint8_t code) {
    unsigned cls = TERN_COAP_CODE_CLASS(code);
    return cls == 2 || cls == 4 || cls == 5;
}

/** True for signaling codes (class 7, TCP only). */
static inline bool tern_coap_code_is_signaling(uint8_t code) {
    return TERN_COAP_CODE_CLASS(code) == 7;
}

/** Registered option numbers. */
enum {
    TERN_COAP_OPT_IF_MATCH = 1,
    TERN_COAP_OPT_URI_HOST = 3,
    TERN_COAP_OPT_ETAG = 4,
    TERN_COAP_OPT_IF_NONE_MATCH = 5,
    TERN_COAP_OPT_OBSERVE = 6,
    TERN_COAP_OPT_URI_PORT = 7,
    TERN_COAP_OPT_LOCATION_PATH = 8,
    TERN_COAP_OPT_URI_PATH = 11,
    TERN_COAP_OPT_CONTENT_FORMAT = 12,
    TERN_COAP_OPT_MAX_AGE = 14,
    TERN_COAP_OPT_URI_QUERY = 15,
    TERN_COAP_OPT_ACCEPT = 17,
    TERN_COAP_OPT_LOCATION_QUERY = 20,
    TERN_COAP_OPT_BLOCK2 = 23,
    TERN_COAP_OPT_BLOCK1 = 27,
    TERN_COAP_OPT_SIZE2 = 28,
    TERN_COAP_OPT_PROXY_URI = 35,
    TERN_COAP_OPT_PROXY_SCHEME = 39,
    TERN_COAP_OPT_SIZE1 = 60,
    TERN_COAP_OPT_NO_RESPONSE = 258,

    /* Options of signaling messages; their numbers depend on the code. */
    /** CSM: largest message the sender accepts (uint). */
    TERN_COAP_OPT_MAX_MESSAGE_SIZE = 2,
    /** CSM: the sender supports block-wise transfers and BERT (empty). */
    TERN_COAP_OPT_BLOCK_WISE_TRANSFER = 4,
    /** Ping/Pong: answer only once older messages were processed (empty). */
    TERN_COAP_OPT_CUSTODY = 2,
    /** Release: where to reconnect (string, repeatable). */
    TERN_COAP_OPT_ALTERNATIVE_ADDRESS = 2,
    /** Release: seconds to wait before reconnecting (uint). */
    TERN_COAP_OPT_HOLD_OFF = 4,
    /** Abort: the CSM option that caused the abort (uint). */
    TERN_COAP_OPT_BAD_CSM_OPTION = 2
};

/** True if option @p number is critical (odd; RFC 7252, 5.4.6). */
static inline bool tern_coap_opt_is_critical(uint16_t number) {
    return (number & 1) != 0;
}

/** Content-Format values used by LwM2M. */
enum {
    TERN_COAP_FORMAT_TEXT_PLAIN = 0,
    TERN_COAP_FORMAT_LINK_FORMAT = 40,
    TERN_COAP_FORMAT_OCTET_STREAM = 42,
    TERN_COAP_FORMAT_CBOR = 60,
    TERN_COAP_FORMAT_SENML_JSON = 110,
    TERN_COAP_FORMAT_SENML_CBOR = 112,
    TERN_COAP_FORMAT_LWM2M_TLV = 11542,
    TERN_COAP_FORMAT_LWM2M_JSON = 11543,
    TERN_COAP_FORMAT_LWM2M_CBOR = 11544,
    /** Not a format: "no Content-Format option". */
    TERN_COAP_FORMAT_NONE = 65535
};

/** Results of the codec and of the engine (0 is success). */
typedef enum {
    TERN_COAP_OK = 0,
    /** The message ends in the middle of a field. */
    TERN_COAP_ERR_TRUNCATED = -1,
    /** Version field other than 1. */
    TERN_COAP_ERR_VERSION = -2,
    /** Token length 9-15. */
    TERN_COAP_ERR_TOKEN_LENGTH = -3,
    /** Option delta or length nibble 15 outside the payload marker. */
    TERN_COAP_ERR_OPTION_NIBBLE = -4,
    /** Payload marker followed by no payload. */
    TERN_COAP_ERR_EMPTY_PAYLOAD = -5,
    /** Option number above 65535. */
    TERN_COAP_ERR_OPTION_NUMBER = -6,
    /** A critical option that may appear once appears again. */
    TERN_COAP_ERR_REPEATED_OPTION = -7,
    /** An unrecognised critical option (answer 4.02 to a request). */
    TERN_COAP_ERR_CRITICAL_OPTION = -8,
    /** A known critical option whose value length is out of range. */
    TERN_COAP_ERR_OPTION_LENGTH = -9,
    /** An Empty message (code 0.00) with a token, options or payload. */
    TERN_COAP_ERR_EMPTY_MESSAGE = -10,
    /** The output buffer is too small. */
    TERN_COAP_ERR_NO_SPACE = -11,
    /** An argument is out of range. */
    TERN_COAP_ERR_INVALID = -12,
    /** The option is absent. */
    TERN_COAP_ERR_NOT_FOUND = -13,
    /** A TCP frame is larger than the buffer meant to hold it. */
    TERN_COAP_ERR_TOO_LARGE = -14,
    /** Out of memory. */
    TERN_COAP_ERR_NO_MEMORY = -15,
    /** The operation does not apply in the current state. */
    TERN_COAP_ERR_STATE = -16,
    /** The socket failed. */
    TERN_COAP_ERR_NETWORK = -17
} tern_coap_err_t;

/** A short English description of @p err (never NULL). */
const char *tern_coap_strerror(int err);

/** True for the parse errors after which the message is still usable and a
 * request deserves a 4.02 Bad Option answer. */
static inline bool tern_coap_err_is_bad_option(int err) {
    return err == TERN_COAP_ERR_CRITICAL_OPTION ||
           err == TERN_COAP_ERR_OPTION_LENGTH ||
           err == TERN_COAP_ERR_REPEATED_OPTION;
}

/** Largest token, in bytes. */
#define TERN_COAP_MAX_TOKEN_SIZE 8

/** A token: 0 to 8 opaque bytes. */
typedef struct {
    uint8_t size;
    uint8_t bytes[TERN_COAP_MAX_TOKEN_SIZE];
} tern_coap_token_t;

/** True if both tokens have the same size and bytes. */
bool tern_coap_token_equal(const tern_coap_token_t *a,
                           const tern_coap_token_t *b);

/**
 * A message. When parsed, @c options and @c payload point into the parsed
 * buffer and are valid as long as it is. @c type and @c msg_id exist on UDP
 * only.
 */
typedef struct {
    uint8_t type;
    uint8_t code;
    uint16_t msg_id;
    tern_coap_token_t token;
    /** Encoded option list (RFC 7252, 3.1), in ascending number order. */
    const uint8_t *options;
    size_t options_size;
    const uint8_t *payload;
    size_t payload_size;
} tern_coap_msg_t;

/**
 * Parses one UDP datagram.
 *
 * On success, and on the errors for which tern_coap_err_is_bad_option() is
 * true, @p out describes the whole message and @p out_bad_option (if not
 * NULL) receives the number of the offending option. On other errors
 * @p out is only meaningful as far as the header could be read: @c type,
 * @c code and @c msg_id are set when the datagram has at least 4 bytes.
 */
int tern_coap_udp_parse(tern_coap_msg_t *out, const void *data, size_t size,
                        uint16_t *out_bad_option);

/**
 * Size of the TCP frame starting at @p data (RFC 8323, 3.2), once its
 * first bytes are known.
 *
 * @param data            Received bytes.
 * @param size            How many.
 * @param out_frame_size  Set to the size of the whole frame.
 * @returns 0, TERN_COAP_ERR_TRUNCATED if more bytes are needed to know, or
 *          TERN_COAP_ERR_TOKEN_LENGTH.
 */
int tern_coap_tcp_frame_size(const void *data, size_t size,
                             uint64_t *out_frame_size);

/**
 * Parses exactly one TCP frame of @p size bytes. Signaling messages (7.xx)
 * are checked against the options of their code. Results as
 * tern_coap_udp_parse(); @c type and @c msg_id are set to 0.
 */
int tern_coap_tcp_parse(tern_coap_msg_t *out, const void *data, size_t size,
                        uint16_t *out_bad_option);

/** Bytes tern_coap_udp_serialize() would write. */
size_t tern_coap_udp_size(const tern_coap_msg_t *msg);

/** Bytes tern_coap_tcp_serialize() would write. */
size_t tern_coap_tcp_size(const tern_coap_msg_t *msg);

/**
 * Writes @p msg as a UDP datagram. A payload marker is written only before
 * a non-empty payload. The options are copied as they are (build them with
 * @ref tern_coap_opts_t).
 *
 * @returns 0, TERN_COAP_ERR_NO_SPACE, TERN_COAP_ERR_TOKEN_LENGTH,
 *          TERN_COAP_ERR_EMPTY_MESSAGE or TERN_COAP_ERR_INVALID (type > 3).
 */
int tern_coap_udp_serialize(const tern_coap_msg_t *msg, void *buf,
                            size_t buf_size, size_t *out_size);

/** Writes @p msg as a TCP frame; see tern_coap_udp_serialize(). */
int tern_coap_tcp_serialize(const tern_coap_msg_t *msg, void *buf,
                            size_t buf_size, size_t *out_size);

/**
 * Iterator over the options of a message:
 * @code
 * tern_coap_opt_iter_t it = tern_coap_opt_iter(msg);
 * while (tern_coap_opt_next(&it)) {
 *     use(it.number, it.value, it.size);
 * }
 * @endcode
 * The options must be well formed (parsed or built by this module).
 */
typedef struct {
    /** Number of the current option. */
    uint16_t number;
    /** Value of the current option (not NUL-terminated). */
    const uint8_t *value;
    /** Length of the value. */
    size_t size;
    /* Private. */
    const uint8_t *pos_;
    const uint8_t *end_;
} tern_coap_opt_iter_t;

/** Starts iterating over the options of @p msg. */
tern_coap_opt_iter_t tern_coap_opt_iter(const tern_coap_msg_t *msg);

/** Moves to the next option; false once there are no more. */
bool tern_coap_opt_next(tern_coap_opt_iter_t *it);

/**
 * Finds the first option @p number.
 * @returns 0 or TERN_COAP_ERR_NOT_FOUND.
 */
int tern_coap_msg_find_opt(const tern_coap_msg_t *msg, uint16_t number,
                           const uint8_t **out_value, size_t *out_size);

/** True if option @p number is present. */
bool tern_coap_msg_has_opt(const tern_coap_msg_t *msg, uint16_t number);

/**
 * Decodes an unsigned option value (big endian, leading zeros allowed).
 * @returns 0 or TERN_COAP_ERR_OPTION_LENGTH if longer than 4 bytes.
 */
int tern_coap_uint_decode(const uint8_t *value, size_t size, uint32_t *out);

/**
 * Reads the first option @p number as an unsigned integer.
 * @returns 0, TERN_COAP_ERR_NOT_FOUND or TERN_COAP_ERR_OPTION_LENGTH.
 */
int tern_coap_msg_get_uint(const tern_coap_msg_t *msg, uint16_t number,
                           uint32_t *out);

/**
 * Copies the value of the current option of @p it into @p buf with a
 * terminating NUL.
 * @returns 0 or TERN_COAP_ERR_NO_SPACE.
 */
int tern_coap_opt_string(const tern_coap_opt_iter_t *it, char *buf,
                         size_t buf_size);

/**
 * Copies the first option @p number as a NUL-terminated string.
 * @returns 0, TERN_COAP_ERR_NOT_FOUND or TERN_COAP_ERR_NO_SPACE.
 */
int tern_coap_msg_get_string(const tern_coap_msg_t *msg, uint16_t number,
                             char *buf, size_t buf_size);

/**
 * The Content-Format (or Accept, with @p number = TERN_COAP_OPT_ACCEPT) of
 * @p msg, TERN_COAP_FORMAT_NONE if absent.
 * @returns 0 or TERN_COAP_ERR_OPTION_LENGTH for a value above 65535.
 */
int tern_coap_msg_get_format(const tern_coap_msg_t *msg, uint16_t number,
                             uint16_t *out_format);

/** A Block1 or Block2 option value (RFC 7959, 2.2; RFC 8323, 6). */
typedef struct {
    /** Block number, 0 to 2^20 - 1. */
    uint32_t num;
    /** More blocks follow. */
    bool more;
    /** Size exponent: 0-6 mean 16 to 1024 bytes; 7 is BERT (TCP only). */
    uint8_t szx;
} tern_coap_block_t;

/** SZX value of BERT blocks (RFC 8323). */
#define TERN_COAP_BLOCK_SZX_BERT 7
/** Largest block number. */
#define TERN_COAP_BLOCK_MAX_NUM 0xFFFFFu

/** Block size of @p szx in bytes (1024 for BERT: its unit). */
static inline size_t tern_coap_block_size(uint8_t szx) {
    return (size_t) 1 << ((szx >= TERN_COAP_BLOCK_SZX_BERT ? 6 : szx) + 4);
}

/** True if @p block is a BERT block. */
static inline bool tern_coap_block_is_bert(const tern_coap_block_t *block) {
    return block->szx == TERN_COAP_BLOCK_SZX_BERT;
}

/**
 * Largest SZX whose block fits in @p size bytes (at most 6).
 * @returns the SZX, or -1 if @p size is below 16.
 */
int tern_coap_block_szx_for_size(size_t size);

/**
 * Decodes a Block option value.
 * @param allow_bert Accept SZX 7 (TCP); otherwise it is an error.
 * @returns 0 or TERN_COAP_ERR_OPTION_LENGTH (value over 3 bytes, or SZX 7
 *          when not allowed).
 */
int tern_coap_block_decode(const uint8_t *value, size_t size, bool allow_bert,
                           tern_coap_block_t *out);

/** The integer value of a Block option. */
uint32_t tern_coap_block_encode(const tern_coap_block_t *block);

/**
 * Reads the first Block1 or Block2 option of @p msg.
 * @returns 0, TERN_COAP_ERR_NOT_FOUND or TERN_COAP_ERR_OPTION_LENGTH.
 */
int tern_coap_msg_get_block(const tern_coap_msg_t *msg, uint16_t number,
                            bool allow_bert, tern_coap_block_t *out);

/**
 * An option list under construction in a caller's buffer. Options may be
 * added in any order: each is inserted after the options with a lower or
 * equal number, so repeated options keep the order they were added in.
 * Unsigned values are written in their shortest form.
 */
typedef struct {
    /** The encoded options; pass @c buf and @c size to a message. */
    uint8_t *buf;
    size_t size;
    size_t capacity;
} tern_coap_opts_t;

/** Starts an empty option list in @p buf of @p capacity bytes. */
void tern_coap_opts_init(tern_coap_opts_t *opts, void *buf, size_t capacity);

/** Points @p msg at the options built in @p opts. */
static inline void tern_coap_msg_set_opts(tern_coap_msg_t *msg,
                                          const tern_coap_opts_t *opts) {
    msg->options = opts->buf;
    msg->options_size = opts->size;
}

/**
 * Adds an option with an opaque value.
 * @returns 0, TERN_COAP_ERR_NO_SPACE or TERN_COAP_ERR_INVALID (value longer
 *          than 65804 bytes).
 */
int tern_coap_opts_add_opaque(tern_coap_opts_t *opts, uint16_t number,
                              const void *value, size_t size);

/** Adds an option with a string value (without its NUL). */
int tern_coap_opts_add_string(tern_coap_opts_t *opts, uint16_t number,
                              const char *value);

/** Adds an option without a value (e.g. If-None-Match). */
int tern_coap_opts_add_empty(tern_coap_opts_t *opts, uint16_t number);

/** Adds an unsigned option in its minimal length (0 has no bytes). */
int tern_coap_opts_add_uint(tern_coap_opts_t *opts, uint16_t number,
                            uint32_t value);

/**
 * Adds a Block1 or Block2 option.
 * @returns TERN_COAP_ERR_INVALID if @c num or @c szx are out of range.
 */
int tern_coap_opts_add_block(tern_coap_opts_t *opts, uint16_t number,
                             const tern_coap_block_t *block);

/**
 * Adds each '/'-separated segment of @p path as a Uri-Path option ("/a/b"
 * and "a/b" both give "a", "b"; "/" gives none).
 */
int tern_coap_opts_add_path(tern_coap_opts_t *opts, const char *path);

/**
 * Appends the already encoded options of @p msg, except those whose number
 * is in @p skip (@p skip_count entries).
 */
int tern_coap_opts_copy(tern_coap_opts_t *opts, const tern_coap_msg_t *msg,
                        const uint16_t *skip, size_t skip_count);

/** Removes every option @p number. */
void tern_coap_opts_remove(tern_coap_opts_t *opts, uint16_t number);

#ifdef __cplusplus
}
#endif

#endif /* TERN_COAP_MSG_H */
