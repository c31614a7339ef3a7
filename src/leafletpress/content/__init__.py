"""Content stage: the files in leaflets/ read safely and validated into a Library, every fault a located problem."""
