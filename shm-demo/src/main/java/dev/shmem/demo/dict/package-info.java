/**
 * The {@code manager-dict} demo: the article's {@code Manager().dict()} as a {@link dev.shmem.SharedMap}.
 */
package dev.shmem.demo.dict;
