
set edit:completion:arg-completer[skene] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) SKENE_COMPLETE="elvish" skene -- $@words) | to-lines
}

