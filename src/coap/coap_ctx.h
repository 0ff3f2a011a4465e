/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The context and its exchanges, shared by the files of the engine. */
#ifndef TERN_COAP_CTX_H
#define TERN_COAP_CTX_H

#include <avsystem/commons/avs_list.h>
#include <avsystem/commons/avs_log.h>
#include <tern/coap.h>

#include "coap_udp_cache.h"

/* Room kept for the options the engine adds to a message on top of the
 * caller's: Observe (4), Block1 or Block2 (4 each), Size1/Size2 (5),
 * ETag (9), with their headers. */
#define COAP_ENGINE_OPTS_RESERVE 40
/* UDP header + longest token, or TCP header with a 4-byte length. */
#define COAP_MAX_HEADER_SIZE (6 + TERN_COAP_MAX_TOKEN_SIZE)
/* Default largest message of a TCP peer that sent no CSM (RFC 8323, 5.3.1). */
#define COAP_TCP_DEFAULT_MAX_MESSAGE_SIZE 1152

typedef enum {
    EXCH_REQUEST,  /* a request we sent */
    EXCH_PING,     /* a ping we sent */
    EXCH_RESPONSE, /* a confirmable response or notification we sent */
    EXCH_DEFERRED, /* a request we will answer later */
    EXCH_OBSERVE   /* an observation we serve */
} coap_exch_kind_t;

typedef enum {
    TX_NONE,     /* nothing being transmitted */
    TX_QUEUED,   /* waiting for an NSTART slot (UDP) or the peer's CSM */
    TX_WAIT_ACK, /* confirmable message in flight (UDP) */
    TX_SENT      /* sent, waiting for a response */
} coap_tx_state_t;

/* What the engine remembers of an incoming request until it is answered. */
typedef struct {
    uint8_t type;
    uint8_t code;
    uint16_t msg_id;
    tern_coap_token_t token;
    bool acked;      /* an Empty ACK went out already */
    bool has_block1; /* echo Block1 in the final response */
    tern_coap_block_t block1;
    bool has_block2; /* the client asked for this block */
    tern_coap_block_t block2;
    uint8_t no_response;    /* RFC 7967 mask; 0: answer everything */
    tern_coap_id_t observe; /* accepted observation, or 0 */
    bool observe_register;  /* GET/FETCH with Observe = 0 */
    bool more_blocks;       /* set by a response: blocks remain to serve */
    /* Options identifying the resource (see coap_block_key()); points into
     * the receive buffer, or owned by a deferred exchange. */
    const uint8_t *key;
    size_t key_size;
} coap_req_info_t;

typedef struct coap_exch {
    tern_coap_id_t id;
    coap_exch_kind_t kind;
    tern_coap_token_t token;

    /* Transmission of the message currently in flight. */
    coap_tx_state_t tx;
    uint16_t msg_id;
    unsigned retransmissions;
    /* From the parameters in force when the message was first sent. */
    unsigned max_retransmit;
    avs_time_duration_t retransmit_timeout;
    uint8_t *wire; /* UDP datagram kept for retransmission */
    size_t wire_size;
    /* When the timer must look at this exchange next; invalid: never. */
    avs_time_monotonic_t deadline;

    /* EXCH_REQUEST, EXCH_PING */
    tern_coap_response_handler_t *handler;
    void *handler_arg;
    uint8_t code;
    uint8_t *opts; /* the caller's options, then the payload, owned */
    size_t opts_size;
    uint8_t *payload;
    size_t payload_size;
    bool payload_done; /* the payload went out; follow-ups carry none */
    bool block1_active;
    bool block1_fixed; /* block size chosen by the peer */
    size_t block1_offset;
    size_t block1_sent; /* payload bytes in the message in flight */
    uint8_t block1_szx;
    bool block2_active;
    size_t block2_offset; /* of the next block to ask for */
    uint8_t block2_szx;
    bool etag_known;
    tern_coap_token_t etag; /* ETag of block 0 (same shape as a token) */

    /* EXCH_RESPONSE: notification of this observation, or 0 */
    tern_coap_id_t observation;

    /* EXCH_DEFERRED */
    coap_req_info_t req;

    /* EXCH_OBSERVE */
    tern_coap_observe_handler_t *observe_handler;
    void *observe_arg;
    bool observe_active;           /* the registration was answered with 2.xx */
    uint32_t observe_seq;          /* last sequence number sent */
    avs_time_monotonic_t last_con; /* last confirmable notification */
    uint16_t last_notify_msg_id;
    bool notified;        /* last_notify_msg_id is meaningful */
    uint8_t *observe_key; /* owned copy of the registration's key */
    size_t observe_key_size;
} coap_exch_t;

/* Server-side copy of a block-wise response being served. */
typedef struct {
    uint8_t *key;
    size_t key_size;
    uint8_t code_of_request;
    uint8_t code;
    uint8_t *opts;
    size_t opts_size;
    uint8_t *payload;
    size_t payload_size;
    avs_time_monotonic_t expires;
} coap_block_entry_t;

/* A request payload arriving in Block1 blocks. */
typedef struct {
    uint8_t *key;
    size_t key_size;
    uint8_t *data;
    size_t size;     /* bytes received so far */
    size_t capacity; /* allocated */
    bool complete;   /* the last block arrived; freed after the handler */
    avs_time_monotonic_t expires;
} coap_assembly_t;

struct tern_coap_ctx {
    tern_coap_transport_t transport;
    avs_net_socket_t *socket;
    avs_sched_t *sched;
    avs_crypto_prng_ctx_t *prng;
    avs_coap_udp_tx_params_t tx_params;
    avs_time_duration_t exchange_lifetime;
    avs_time_duration_t tcp_request_timeout;
    tern_coap_stats_t stats;
    tern_coap_request_handler_t *request_handler;
    void *request_handler_arg;
    size_t max_reassembly;

    uint8_t *in_buf;
    size_t in_cap;
    size_t in_len;        /* TCP: bytes of unprocessed stream */
    uint64_t tcp_discard; /* TCP: bytes of an oversized frame to skip */
    uint8_t *out_buf;
    size_t out_cap;
    uint8_t *opts_buf; /* scratch for options being assembled */
    size_t opts_cap;
    uint8_t *key_buf; /* scratch for the key of an incoming request */
    size_t key_cap;

    AVS_LIST(coap_exch_t) exchanges;
    tern_coap_id_t last_id;
    uint16_t last_msg_id;
    avs_sched_handle_t timer;

    coap_udp_cache_t cache;
    uint32_t peer_hash;
    uint32_t observe_seq; /* last Observe sequence number sent */
    AVS_LIST(coap_block_entry_t) block_store;
    coap_assembly_t *assembly;

    /* TCP */
    bool csm_received;
    size_t peer_max_message_size;
    bool peer_block_wise;
    bool closed;

    /* Re-entrancy: how many engine calls are on the stack, and whether
     * one of them asked for the context to go away. */
    unsigned depth;
    bool delete_pending;
};

/* coap_ctx.c */
void coap_enter(tern_coap_ctx_t *ctx);
/* Returns true if the context was freed. */
bool coap_leave(tern_coap_ctx_t *ctx);
tern_coap_id_t coap_next_id(tern_coap_ctx_t *ctx);
uint16_t coap_next_msg_id(tern_coap_ctx_t *ctx);
int coap_random_token(tern_coap_ctx_t *ctx, tern_coap_token_t *out);
/* Serializes with the transport's framing into out_buf and sends it. */
int coap_send_msg(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg,
                  size_t *out_size);
int coap_send_raw(tern_coap_ctx_t *ctx, const uint8_t *data, size_t size);
/* Largest message that can be sent in one piece. */
size_t coap_max_out_message(tern_coap_ctx_t *ctx);
/* Largest payload of a message with @p opts_size bytes of options. */
size_t coap_max_payload(tern_coap_ctx_t *ctx, size_t opts_size);
void coap_timer_update(tern_coap_ctx_t *ctx);
bool coap_is_tcp(const tern_coap_ctx_t *ctx);
void coap_fail_everything(tern_coap_ctx_t *ctx);

/* coap_exchange.c */
coap_exch_t *coap_exch_new(tern_coap_ctx_t *ctx, coap_exch_kind_t kind,
                           size_t extra);
coap_exch_t *coap_exch_find(tern_coap_ctx_t *ctx, tern_coap_id_t id);
coap_exch_t *coap_exch_find_msg_id(tern_coap_ctx_t *ctx, uint16_t msg_id);
coap_exch_t *coap_exch_find_token(tern_coap_ctx_t *ctx, coap_exch_kind_t kind,
                                  const tern_coap_token_t *token);
/* Unlinks and frees without calling anything. */
void coap_exch_free(tern_coap_ctx_t *ctx, coap_exch_t *exch);
/* Unlinks, calls the response handler, frees. */
void coap_exch_finish(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                      tern_coap_result_t result,
                      const tern_coap_msg_t *response);
/* Calls the response handler without ending the exchange; returns the
 * exchange if it still exists afterwards. */
coap_exch_t *coap_exch_partial(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                               const tern_coap_msg_t *response);

/* coap_tx.c: sending of exchanges */
/* Sends the exchange's message now if NSTART (or the peer's CSM) allows,
 * or queues it. Returns <0 if sending now failed; no handler is called. */
int coap_tx_send_or_queue(tern_coap_ctx_t *ctx, coap_exch_t *exch);
/* Queues the exchange's next message and sends what NSTART allows. */
void coap_tx_start(tern_coap_ctx_t *ctx, coap_exch_t *exch);
/* Sends queued messages while slots are free. */
void coap_tx_pump(tern_coap_ctx_t *ctx);
/* Builds the datagram/frame of the exchange's next message. */
int coap_tx_build(tern_coap_ctx_t *ctx, coap_exch_t *exch, size_t *out_size);
void coap_tx_drop_wire(coap_exch_t *exch);
/* The deadline of @p exch passed. */
void coap_tx_timeout(tern_coap_ctx_t *ctx, coap_exch_t *exch);
/* An ACK or RST matched an exchange in TX_WAIT_ACK. */
void coap_tx_acked(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                   const tern_coap_msg_t *ack);
void coap_tx_reset(tern_coap_ctx_t *ctx, coap_exch_t *exch);

/* coap_udp_rx.c / coap_tcp_rx.c */
avs_error_t coap_udp_receive(tern_coap_ctx_t *ctx, bool *out_more);
avs_error_t coap_tcp_receive(tern_coap_ctx_t *ctx, bool *out_more);

/* coap_tcp_csm.c */
int coap_tcp_send_csm(tern_coap_ctx_t *ctx);
/* Handles a 7.xx message; returns <0 if the connection must end. */
int coap_tcp_handle_signal(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg);
void coap_tcp_abort(tern_coap_ctx_t *ctx, uint16_t bad_csm_option,
                    const char *why);
void coap_tcp_release(tern_coap_ctx_t *ctx);

/* coap_client.c */
/* A response (or piggybacked ACK) for our request @p exch. */
void coap_client_response(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                          const tern_coap_msg_t *msg);
/* Our request's response did not fit the receive buffer. */
void coap_client_response_too_big(tern_coap_ctx_t *ctx, coap_exch_t *exch);

/* coap_server.c */
void coap_server_request(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg,
                         int parse_result, uint16_t bad_option);
/* A request that did not fit the receive buffer: answer 4.13. */
void coap_server_request_too_big(tern_coap_ctx_t *ctx,
                                 const tern_coap_msg_t *header);
int coap_server_respond(tern_coap_ctx_t *ctx, coap_req_info_t *req,
                        const tern_coap_msg_t *response, bool from_store);
/* Sends an Empty ACK for request @p msg_id, caching it. */
void coap_server_empty_ack(tern_coap_ctx_t *ctx, uint16_t msg_id,
                           const tern_coap_token_t *token);
/* Builds the key of request @p msg into key_buf. */
int coap_block_key(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg,
                   size_t *out_size);

/* coap_block.c */
coap_block_entry_t *coap_block_store_find(tern_coap_ctx_t *ctx,
                                          const uint8_t *key, size_t key_size,
                                          uint8_t code);
/* Keeps a copy of @p response; @p etag (8 bytes, may be NULL) is added to
 * its options so that later blocks need not hash the payload again. */
void coap_block_store_put(tern_coap_ctx_t *ctx, const uint8_t *key,
                          size_t key_size, uint8_t code,
                          const tern_coap_msg_t *response, const uint8_t *etag);
void coap_block_store_drop(tern_coap_ctx_t *ctx, coap_block_entry_t *entry);
void coap_block_cleanup(tern_coap_ctx_t *ctx);
/* Handles a Block1 request. Returns 1 when @p out_msg holds the whole
 * request (payload pointing at the reassembled data), 0 when the engine
 * already answered, <0 on error (answered too). */
int coap_block1_receive(tern_coap_ctx_t *ctx, coap_req_info_t *req,
                        const tern_coap_msg_t *msg, tern_coap_msg_t *out_msg);
/* Frees the finished reassembly after the handler ran. */
void coap_block1_done(tern_coap_ctx_t *ctx);
/* An ETag for @p payload, stable across calls. */
void coap_block_etag(const uint8_t *payload, size_t size, uint8_t out[8]);

/* coap_observe.c */
coap_exch_t *coap_observe_find_token(tern_coap_ctx_t *ctx,
                                     const tern_coap_token_t *token);
void coap_observe_end(tern_coap_ctx_t *ctx, coap_exch_t *obs,
                      tern_coap_observe_event_t event);
/* A Reset arrived for @p msg_id: cancel the observation it notified. */
bool coap_observe_reset(tern_coap_ctx_t *ctx, uint16_t msg_id);
/* The observation's confirmable notification completed. */
void coap_observe_notification_done(tern_coap_ctx_t *ctx,
                                    tern_coap_id_t observation,
                                    tern_coap_observe_event_t event);
/* The registration response with @p code went out (or not). */
void coap_observe_registered(tern_coap_ctx_t *ctx, tern_coap_id_t observation,
                             uint8_t code, uint16_t msg_id);

#endif /* TERN_COAP_CTX_H */
