"""Plan stage: which editions a build renders (inputs hashed against the manifest), in which shard and by which worker."""
