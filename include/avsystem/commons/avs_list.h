/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_list.h
 * Singly linked lists whose "next" pointer is hidden in front of each element.
 *
 * A list is a plain pointer to its first element (@ref AVS_LIST(T) is just
 * <c>T *</c>), so a list of <c>int</c> can be walked as <c>int *</c>. Each
 * element is allocated by @ref AVS_LIST_NEW_ELEMENT with room for the hidden
 * pointer in front of it, so elements must only be created and freed through
 * these macros. Functions ending in two underscores are the implementation and
 * not meant to be called directly.
 */
#ifndef AVS_COMMONS_LIST_H
#define AVS_COMMONS_LIST_H

#include <avsystem/commons/avs_defs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Type of a list of @p element_type: a pointer to its first element. */
#define AVS_LIST(element_type) element_type *

/** Comparator for sorting and searching: <0, 0 or >0 like strcmp(). */
typedef int (*avs_list_comparator_func_t)(const void *a, const void *b,
                                          size_t element_size);

/* Bytes reserved before each element; a multiple of the strictest alignment
 * so that the element itself stays suitably aligned. */
#define AVS_LIST_SPACE_FOR_NEXT__                                              \
    (((sizeof(void *) + sizeof(avs_max_align_t) - 1) /                         \
      sizeof(avs_max_align_t)) *                                               \
     sizeof(avs_max_align_t))

void **avs_list_next_slot__(const void *element);
void *avs_list_new_buffer__(size_t size);
void *avs_list_insert__(void **dest_ptr, void *new_list);
void **avs_list_append_ptr__(void **list_ptr);
void *avs_list_detach__(void **element_ptr);
void avs_list_delete__(void **element_ptr);
size_t avs_list_size__(const void *list);
void *avs_list_nth__(void *list, size_t n);
void **avs_list_nth_ptr__(void **list_ptr, size_t n);
void *avs_list_tail__(void *list);
void **avs_list_find_ptr__(void **list_ptr, const void *element);
void **avs_list_find_by_value_ptr__(void **list_ptr, const void *value_ptr,
                                    avs_list_comparator_func_t comparator,
                                    size_t element_size);
void *avs_list_simple_clone__(const void *list, size_t element_size);
void avs_list_sort__(void **list_ptr, avs_list_comparator_func_t comparator,
                     size_t element_size);

#if defined(__GNUC__) || defined(__clang__)
#    define AVS_LIST_TYPED__(like, expr) ((__typeof__(like)) (expr))
#else
#    define AVS_LIST_TYPED__(like, expr) ((void *) (expr))
#endif

/** The element after @p element (an lvalue: assignable). */
#if defined(__GNUC__) || defined(__clang__)
#    define AVS_LIST_NEXT(element)                                             \
        (*(__typeof__(element) *) avs_list_next_slot__(                        \
                (const void *) (element)))
#else
#    define AVS_LIST_NEXT(element)                                             \
        (*avs_list_next_slot__((const void *) (element)))
#endif

/** Address of the "next" slot of <c>*element_ptr</c>. */
#define AVS_LIST_NEXT_PTR(element_ptr) (&AVS_LIST_NEXT(*(element_ptr)))

/** Moves @p element to the next one. */
#define AVS_LIST_ADVANCE(element_ptr)                                          \
    (*(element_ptr) = AVS_LIST_NEXT(*(element_ptr)))

/** Moves a slot pointer to the next slot. */
#define AVS_LIST_ADVANCE_PTR(element_ptr_ptr)                                  \
    (*(element_ptr_ptr) = AVS_LIST_NEXT_PTR(*(element_ptr_ptr)))

/** Loop header visiting each element of @p list. */
#define AVS_LIST_FOREACH(element, list)                                        \
    for ((element) = (list); (element); (element) = AVS_LIST_NEXT(element))

/** Loop header continuing from @p element to the end. */
#define AVS_LIST_ITERATE(element)                                              \
    for (; (element); (element) = AVS_LIST_NEXT(element))

/**
 * Loop header visiting each "next" slot of the list at @p list_ptr, starting
 * with @p list_ptr itself and stopping at the NULL tail slot.
 */
#define AVS_LIST_FOREACH_PTR(element_ptr, list_ptr)                            \
    for ((element_ptr) = (list_ptr); *(element_ptr);                           \
         (element_ptr) = AVS_LIST_NEXT_PTR(element_ptr))

/** Loop header continuing from slot @p element_ptr to the end. */
#define AVS_LIST_ITERATE_PTR(element_ptr)                                      \
    for (; *(element_ptr); (element_ptr) = AVS_LIST_NEXT_PTR(element_ptr))

/** The @p n-th element (0-based), or NULL. */
#define AVS_LIST_NTH(list, n)                                                  \
    AVS_LIST_TYPED__(list, avs_list_nth__((void *) (list), (n)))

/** The slot holding the @p n-th element, or NULL if the list is shorter. */
#define AVS_LIST_NTH_PTR(list_ptr, n)                                          \
    AVS_LIST_TYPED__(list_ptr, avs_list_nth_ptr__((void **) (list_ptr), (n)))

/** The slot that points at @p element, or NULL if it is not on the list. */
#define AVS_LIST_FIND_PTR(list_ptr, element)                                   \
    AVS_LIST_TYPED__(list_ptr,                                                 \
                     avs_list_find_ptr__((void **) (list_ptr), (element)))

/** The slot of the first element equal to <c>*value_ptr</c>, or NULL. */
#define AVS_LIST_FIND_BY_VALUE_PTR(list_ptr, value_ptr, comparator)            \
    AVS_LIST_TYPED__(list_ptr, avs_list_find_by_value_ptr__(                   \
                                       (void **) (list_ptr), (value_ptr),      \
                                       (comparator), sizeof(**(list_ptr))))

/** The last element, or NULL for an empty list. */
#define AVS_LIST_TAIL(list)                                                    \
    AVS_LIST_TYPED__(list, avs_list_tail__((void *) (list)))

/** The NULL slot at the end of the list (where an append goes). */
#define AVS_LIST_APPEND_PTR(list_ptr)                                          \
    AVS_LIST_TYPED__(list_ptr, avs_list_append_ptr__((void **) (list_ptr)))

/** A zero-filled element of @p size bytes, or NULL on OOM. */
#define AVS_LIST_NEW_BUFFER(size) avs_list_new_buffer__(size)

/** A zero-filled element of type @p type, or NULL on OOM. */
#define AVS_LIST_NEW_ELEMENT(type) ((type *) AVS_LIST_NEW_BUFFER(sizeof(type)))

/**
 * Inserts @p new_element (or a whole list) at the slot
 * @p destination_element_ptr; what was there follows the inserted tail.
 * Evaluates to @p new_element.
 */
#define AVS_LIST_INSERT(destination_element_ptr, new_element)                  \
    AVS_LIST_TYPED__(new_element,                                              \
                     avs_list_insert__((void **) (destination_element_ptr),    \
                                       (void *) (new_element)))

/** Allocates an element of @p type and inserts it; NULL on OOM. */
#define AVS_LIST_INSERT_NEW(type, destination_element_ptr)                     \
    ((type *) avs_list_insert__((void **) (destination_element_ptr),           \
                                AVS_LIST_NEW_ELEMENT(type)))

/** Appends @p new_element (or a list) at the end of the list. */
#define AVS_LIST_APPEND(list_ptr, new_element)                                 \
    AVS_LIST_INSERT(AVS_LIST_APPEND_PTR(list_ptr), new_element)

/** Allocates an element of @p type and appends it; NULL on OOM. */
#define AVS_LIST_APPEND_NEW(type, list_ptr)                                    \
    AVS_LIST_INSERT_NEW(type, AVS_LIST_APPEND_PTR(list_ptr))

/** Unlinks <c>*element_ptr</c> from the list and evaluates to it. */
#define AVS_LIST_DETACH(element_to_detach_ptr)                                 \
    AVS_LIST_TYPED__(*(element_to_detach_ptr),                                 \
                     avs_list_detach__((void **) (element_to_detach_ptr)))

/** Unlinks and frees <c>*element_ptr</c> (its hidden header included). */
#define AVS_LIST_DELETE(element_to_delete_ptr)                                 \
    avs_list_delete__((void **) (element_to_delete_ptr))

/**
 * Loop header over slots that tolerates AVS_LIST_DELETE(element_ptr) in the
 * body. @p helper_element is scratch space of the element type.
 */
#define AVS_LIST_DELETABLE_FOREACH_PTR(element_ptr, helper_element, list_ptr)  \
    for ((element_ptr) = (list_ptr), (helper_element) = *(element_ptr);        \
         *(element_ptr);                                                       \
         (element_ptr) = (*(element_ptr) == (helper_element))                  \
                                 ? AVS_LIST_NEXT_PTR(element_ptr)              \
                                 : (element_ptr),                              \
        (helper_element) = *(element_ptr))

/**
 * Loop header that runs its body on the first element and then deletes it,
 * until the list is empty. Also usable as a plain statement:
 * <c>AVS_LIST_CLEAR(&list);</c>
 */
#define AVS_LIST_CLEAR(first_element_ptr)                                      \
    for (; *(first_element_ptr); AVS_LIST_DELETE(first_element_ptr))

/** Number of elements. */
#define AVS_LIST_SIZE(list) avs_list_size__((const void *) (list))

/** Shallow copy (memcpy of each element); NULL on OOM or for an empty list. */
#define AVS_LIST_SIMPLE_CLONE(list)                                            \
    AVS_LIST_TYPED__(list, avs_list_simple_clone__((list), sizeof(*(list))))

/** Stable sort of the list in place. */
#define AVS_LIST_SORT(list_ptr, comparator)                                    \
    avs_list_sort__((void **) (list_ptr), (comparator), sizeof(**(list_ptr)))

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_LIST_H */
