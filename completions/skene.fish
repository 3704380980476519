complete --keep-order --exclusive --command skene --arguments "(SKENE_COMPLETE=fish skene -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
