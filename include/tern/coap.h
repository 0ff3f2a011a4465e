/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file coap.h
 * The CoAP engine: one context per connected socket, for CoAP over UDP or
 * DTLS (RFC 7252) and over TCP or TLS (RFC 8323), in both roles at once.
 *
 * The context only uses the socket API, so it runs over Tern's POSIX and
 * OpenSSL layers or over any layer an application supplies. It never
 * blocks: the application calls tern_coap_handle_incoming() when the
 * socket is readable and runs the scheduler given in the configuration,
 * on which the context keeps its retransmission and timeout timers.
 *
 * As a client it sends requests and calls a handler with the outcome,
 * retransmitting confirmable messages, queueing requests beyond NSTART and
 * splitting or fetching large payloads block-wise (RFC 7959). As a server it
 * hands incoming requests to a handler, which answers at once or later,
 * and may accept observations (RFC 7641) to notify later. Duplicates are
 * answered from a bounded cache.
 *
 * Handlers run from tern_coap_handle_incoming(), from the scheduler, or
 * from tern_coap_cancel() / tern_coap_ctx_delete(). They may call any
 * function of this header, including tern_coap_ctx_delete() on their own
 * context, except tern_coap_handle_incoming(). Message views given to
 * handlers are valid only during the call. A context is not thread-safe:
 * use it, its socket and its scheduler from one thread.
 *
 * Functions returning int give 0 or a negative @ref tern_coap_err_t.
 */
#ifndef TERN_COAP_H
#define TERN_COAP_H

#include <avsystem/coap/udp.h>
#include <avsystem/commons/avs_prng.h>
#include <avsystem/commons/avs_sched.h>
#include <avsystem/commons/avs_socket.h>
#include <tern/coap_msg.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A CoAP context bound to one socket (opaque). */
typedef struct tern_coap_ctx tern_coap_ctx_t;

/** Identifies an exchange or an observation; 0 is never used. */
typedef uint32_t tern_coap_id_t;

/** Which framing the socket carries. */
typedef enum {
    /** Datagrams: UDP or DTLS sockets. */
    TERN_COAP_TRANSPORT_UDP,
    /** A byte stream: TCP or TLS sockets. */
    TERN_COAP_TRANSPORT_TCP
} tern_coap_transport_t;

/** How a request ended, as seen by its response handler. */
typedef enum {
    /** The final response arrived (for a ping: the peer answered). */
    TERN_COAP_RESULT_OK,
    /** One block of a block-wise response; more calls follow. */
    TERN_COAP_RESULT_PARTIAL,
    /** No answer in time. */
    TERN_COAP_RESULT_TIMEOUT,
    /** The peer rejected the request with a Reset message. */
    TERN_COAP_RESULT_RESET,
    /** Cancelled locally (tern_coap_cancel(), tern_coap_ctx_delete()). */
    TERN_COAP_RESULT_CANCELLED,
    /** Sending failed, the connection ended, or the peer broke the rules
     * (e.g. a block-wise response whose ETag changed). */
    TERN_COAP_RESULT_FAILED
} tern_coap_result_t;

/**
 * Receives the outcome of a request.
 *
 * For a response small enough for one message it is called once. For a
 * block-wise (Block2) response it is called with TERN_COAP_RESULT_PARTIAL
 * for every block but the last, then once with a final result; read the
 * block's position with tern_coap_msg_get_block(). Every other result is
 * final.
 *
 * @param ctx      The context.
 * @param exchange The ID tern_coap_send_request() returned.
 * @param result   What happened.
 * @param response The response (or block), for OK and PARTIAL; else NULL.
 * @param arg      The argument given with the request.
 */
typedef void tern_coap_response_handler_t(tern_coap_ctx_t *ctx,
                                          tern_coap_id_t exchange,
                                          tern_coap_result_t result,
                                          const tern_coap_msg_t *response,
                                          void *arg);

/** An incoming request, valid while the request handler runs (opaque). */
typedef struct tern_coap_incoming tern_coap_incoming_t;

/**
 * Receives an incoming request. Before returning it must call
 * tern_coap_respond() or tern_coap_defer(); otherwise the request is
 * answered with 5.00. A request that came in blocks (Block1) is delivered
 * once, whole, with its payload reassembled.
 *
 * @param ctx     The context.
 * @param request Handle to answer with.
 * @param msg     The request.
 * @param arg     @c request_handler_arg of the configuration.
 */
typedef void tern_coap_request_handler_t(tern_coap_ctx_t *ctx,
                                         tern_coap_incoming_t *request,
                                         const tern_coap_msg_t *msg, void *arg);

/** What happened to an observation. */
typedef enum {
    /** A confirmable notification was acknowledged. */
    TERN_COAP_OBSERVE_DELIVERED,
    /** The observer cancelled: Reset to a notification, a GET with
     * Observe = 1, or a new registration with the same token. Ends it. */
    TERN_COAP_OBSERVE_CANCELLED,
    /** A confirmable notification was never acknowledged. Ends it. */
    TERN_COAP_OBSERVE_TIMEOUT,
    /** Ended locally: tern_coap_cancel(), an error notification, a failed
     * send, a closed connection or tern_coap_ctx_delete(). */
    TERN_COAP_OBSERVE_CLOSED
} tern_coap_observe_event_t;

/**
 * Receives observation events. After any event but DELIVERED the
 * observation no longer exists.
 */
typedef void tern_coap_observe_handler_t(tern_coap_ctx_t *ctx,
                                         tern_coap_id_t observation,
                                         tern_coap_observe_event_t event,
                                         void *arg);

/** Context settings. Zero values select the defaults given. */
typedef struct {
    /** Framing of the socket. */
    tern_coap_transport_t transport;
    /** Scheduler for the context's timers. Required. */
    avs_sched_t *sched;
    /** Source of message IDs and tokens. Required. */
    avs_crypto_prng_ctx_t *prng;
    /** Retransmission parameters (UDP); NULL: AVS_COAP_DEFAULT_UDP_TX_PARAMS.
     * Copied. */
    const avs_coap_udp_tx_params_t *udp_tx_params;
    /** Largest message received; 0: 4096 bytes. Over TCP this is also the
     * Max-Message-Size announced to the peer. */
    size_t in_buffer_size;
    /** Largest message sent; 0: 4096 bytes. */
    size_t out_buffer_size;
    /** Bytes kept to answer duplicate requests (UDP); 0: no cache. */
    size_t msg_cache_size;
    /** Largest request payload reassembled from blocks; 0: 65536 bytes. */
    size_t max_reassembly_size;
    /** How long a TCP request waits for its response; 0 or invalid: 30 s.
     * The same bound applies to the peer's CSM. */
    avs_time_duration_t tcp_request_timeout;
    /** Called for incoming requests; NULL answers them with 4.04. */
    tern_coap_request_handler_t *request_handler;
    /** Passed to @c request_handler. */
    void *request_handler_arg;
} tern_coap_config_t;

/**
 * Creates a context on a connected socket, which stays the caller's: close
 * it only after tern_coap_ctx_delete(). Over TCP the Capabilities and
 * Settings Message (CSM) is sent at once; requests wait for the peer's.
 *
 * @returns the context, or NULL on a bad configuration, out of memory or
 *          (TCP) a failure to send the CSM.
 */
tern_coap_ctx_t *tern_coap_ctx_new(avs_net_socket_t *socket,
                                   const tern_coap_config_t *config);

/**
 * Ends every exchange (handlers get TERN_COAP_RESULT_CANCELLED, observation
 * handlers TERN_COAP_OBSERVE_CLOSED), sends a Release over TCP, frees the
 * context and NULLs @p *ctx. NULL is accepted. Called from a handler, the
 * context is freed once the handler returns.
 */
void tern_coap_ctx_delete(tern_coap_ctx_t **ctx);

/** The socket the context was created on. */
avs_net_socket_t *tern_coap_ctx_socket(tern_coap_ctx_t *ctx);

/**
 * Replaces the UDP retransmission parameters. Confirmable messages sent
 * from now on use them; a message already in flight keeps the timeout and
 * retransmission count it started with. NSTART applies at once to messages
 * still queued, and EXCHANGE_LIFETIME (the life of cached answers and the
 * wait for a separate response) follows the new values. Over TCP the
 * parameters are kept but unused.
 *
 * @param ctx       The context.
 * @param tx_params New parameters, checked with
 *                  avs_coap_udp_tx_params_valid(); copied.
 * @returns 0, or TERN_COAP_ERR_INVALID for a NULL argument, invalid
 *          parameters or a context being deleted (nothing changes then).
 */
int tern_coap_ctx_set_udp_tx_params(tern_coap_ctx_t *ctx,
                                    const avs_coap_udp_tx_params_t *tx_params);

/**
 * Replaces the TCP request timeout (see @c tcp_request_timeout of
 * @ref tern_coap_config_t) for requests and pings sent from now on. UDP has
 * no such setting: how long a UDP exchange lasts follows from the
 * transmission parameters (tern_coap_ctx_set_udp_tx_params()).
 *
 * @param ctx     The context.
 * @param timeout A positive duration.
 * @returns 0, or TERN_COAP_ERR_INVALID for a UDP context, a duration that
 *          is not positive or a context being deleted.
 */
int tern_coap_ctx_set_request_timeout(tern_coap_ctx_t *ctx,
                                      avs_time_duration_t timeout);

/** Traffic counters of a context, from its creation on. */
typedef struct {
    /** Confirmable messages sent again for want of an acknowledgement
     * (UDP). */
    uint64_t outgoing_retransmissions;
    /** Duplicates of messages already received, answered again from the
     * cache or ignored (UDP). */
    uint64_t incoming_retransmissions;
    /** Messages handed to the socket successfully, retransmissions and
     * answers resent from the cache included. */
    uint64_t outgoing_messages;
    /** Messages received (datagrams or TCP frames), duplicates and
     * malformed ones included. */
    uint64_t incoming_messages;
} tern_coap_stats_t;

/**
 * Reads the traffic counters.
 *
 * @param ctx The context.
 * @param out Receives the counters.
 * @returns 0, or TERN_COAP_ERR_INVALID for a NULL argument.
 */
int tern_coap_ctx_get_stats(const tern_coap_ctx_t *ctx, tern_coap_stats_t *out);

/**
 * Processes what the socket has for us, without blocking. Sets the socket's
 * receive timeout to zero, receives until nothing more is waiting (an
 * AVS_ETIMEDOUT, or AVS_NET_SOCKET_HAS_BUFFERED_DATA false), then restores
 * the timeout. Call it whenever the socket is readable.
 *
 * @returns AVS_OK, or the socket's error; AVS_ECONNRESET when a TCP peer
 *          closed, released or aborted the connection, after which the
 *          context only fails.
 */
avs_error_t tern_coap_handle_incoming(tern_coap_ctx_t *ctx);

/**
 * Sends a request: over UDP as a confirmable message, retransmitted as the
 * transmission parameters say, and queued while NSTART messages are in
 * flight. A payload larger than one message is sent block-wise (Block1)
 * and a block-wise response is fetched block by block (Block2). The
 * request's options and payload are copied.
 *
 * @param ctx         The context.
 * @param request     Code, options and payload; type, message ID and token
 *                    are chosen by the context.
 * @param handler     Called with the outcome; may be NULL.
 * @param arg         Passed to @p handler.
 * @param out_id      If not NULL, receives the exchange ID.
 * @returns 0, TERN_COAP_ERR_INVALID (not a request code),
 * TERN_COAP_ERR_NO_SPACE (options do not fit one message),
 * TERN_COAP_ERR_NO_MEMORY or TERN_COAP_ERR_STATE (the connection ended).
 */
int tern_coap_send_request(tern_coap_ctx_t *ctx, const tern_coap_msg_t *request,
                           tern_coap_response_handler_t *handler, void *arg,
                           tern_coap_id_t *out_id);

/**
 * Checks that the peer is alive: an Empty confirmable message answered
 * with a Reset (UDP) or a 7.02 Ping answered with 7.03 Pong (TCP). The
 * handler gets TERN_COAP_RESULT_OK (with the Pong over TCP, NULL over UDP)
 * or a failure.
 */
int tern_coap_ping(tern_coap_ctx_t *ctx, tern_coap_response_handler_t *handler,
                   void *arg, tern_coap_id_t *out_id);

/**
 * Cancels an exchange, a deferred request or an observation. A request's
 * handler is called with TERN_COAP_RESULT_CANCELLED, an observation's with
 * TERN_COAP_OBSERVE_CLOSED. Unknown IDs are ignored.
 */
void tern_coap_cancel(tern_coap_ctx_t *ctx, tern_coap_id_t id);

/**
 * Answers @p request. Over UDP the answer to a confirmable request is
 * piggybacked on the acknowledgement. A payload larger than one message
 * (or than the block the client asked for) is served block-wise: the first
 * block now, the others from a copy when the client asks for them, under
 * an ETag derived from the payload unless @p response has one. No-Response
 * (RFC 7967) is honoured.
 *
 * @param request  From the request handler.
 * @param response Code, options and payload; the rest is ignored.
 * @returns 0, TERN_COAP_ERR_STATE if already answered or deferred,
 *          TERN_COAP_ERR_INVALID for a non-response code,
 *          TERN_COAP_ERR_NO_SPACE if the options do not fit a message.
 */
int tern_coap_respond(tern_coap_incoming_t *request,
                      const tern_coap_msg_t *response);

/**
 * Answers @p request later with tern_coap_respond_deferred(). Over UDP a
 * confirmable request is acknowledged at once with an Empty message, and
 * the response will be a confirmable message of its own.
 *
 * @param out_id Receives the ID to respond with.
 */
int tern_coap_defer(tern_coap_incoming_t *request, tern_coap_id_t *out_id);

/**
 * Answers a request deferred with tern_coap_defer(); as
 * tern_coap_respond() otherwise.
 * @returns TERN_COAP_ERR_NOT_FOUND for an unknown ID.
 */
int tern_coap_respond_deferred(tern_coap_ctx_t *ctx, tern_coap_id_t id,
                               const tern_coap_msg_t *response);

/**
 * Accepts the observation that @p request (a GET or FETCH with Observe = 0)
 * asks for. Call it before responding; a 2.xx response then carries the
 * Observe option and starts the observation, any other code ends it.
 *
 * @param request  From the request handler.
 * @param handler  Receives the observation's events; may be NULL.
 * @param arg      Passed to @p handler.
 * @param out_id   Receives the observation ID for tern_coap_notify().
 * @returns 0, TERN_COAP_ERR_STATE if the request is not a registration or
 *          was already answered, TERN_COAP_ERR_NO_MEMORY.
 */
int tern_coap_observe_accept(tern_coap_incoming_t *request,
                             tern_coap_observe_handler_t *handler, void *arg,
                             tern_coap_id_t *out_id);

/**
 * Sends a notification: @p notification's code, options and payload, with
 * the next sequence number in the Observe option. Over UDP it is
 * non-confirmable unless @p confirmable is set or the last confirmable one
 * is 24 hours old; a confirmable notification that is never acknowledged
 * ends the observation. A new confirmable notification replaces one still
 * being retransmitted. A non-2.xx code ends the observation after sending.
 *
 * @returns 0, TERN_COAP_ERR_NOT_FOUND for an unknown observation, or the
 *          errors of tern_coap_respond().
 */
int tern_coap_notify(tern_coap_ctx_t *ctx, tern_coap_id_t observation,
                     const tern_coap_msg_t *notification, bool confirmable);

#ifdef __cplusplus
}
#endif

#endif /* TERN_COAP_H */
