/**
 * The region file: header, directory of named entries, creation and validation, this JVM's attachment.
 */
package dev.shmem.internal.region;
