# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_skene_global_optspecs
    string join \n upstream= api-url= workspace= json q/quiet v/verbose no-input color= h/help V/version
end

function __fish_skene_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_skene_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_skene_using_subcommand
    set -l cmd (__fish_skene_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c skene -n "__fish_skene_needs_command" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_needs_command" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_needs_command" -l workspace -d 'Workspace profile to use (its slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_needs_command" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_needs_command" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_needs_command" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_needs_command" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_needs_command" -s V -l version -d 'Print version'
complete -c skene -n "__fish_skene_needs_command" -f -a "login" -d 'Log in to a workspace and store its API key in the OS keyring'
complete -c skene -n "__fish_skene_needs_command" -f -a "logout" -d 'Remove a stored key and its profile'
complete -c skene -n "__fish_skene_needs_command" -f -a "push" -d 'Check the bundle and upload it to the workspace'
complete -c skene -n "__fish_skene_needs_command" -f -a "validate" -d 'Check the bundle offline, without pushing it'
complete -c skene -n "__fish_skene_needs_command" -f -a "auth" -d 'Inspect and manage stored logins'
complete -c skene -n "__fish_skene_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c skene -n "__fish_skene_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand login" -l store -d 'Where to keep the key' -r -f -a "auto\t'The OS keyring, or the credentials file when no keyring is usable'
keyring\t'The OS keyring only: fail when it is not usable'
file\t'The plaintext credentials file (mode 0600) in the config directory'"
complete -c skene -n "__fish_skene_using_subcommand login" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand login" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand login" -l workspace -d 'Workspace profile to use (its slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand login" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand login" -l with-key -d 'Read the key from standard input (its first line) instead of prompting'
complete -c skene -n "__fish_skene_using_subcommand login" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand login" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand login" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand login" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand login" -s V -l version -d 'Print version'
complete -c skene -n "__fish_skene_using_subcommand logout" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand logout" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand logout" -l workspace -d 'Workspace profile to use (its slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand logout" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand logout" -l all -d 'Log out of every saved workspace'
complete -c skene -n "__fish_skene_using_subcommand logout" -l revoke -d 'Also revoke the key on the server (DELETE /api-keys/{id}) before removing it'
complete -c skene -n "__fish_skene_using_subcommand logout" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand logout" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand logout" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand logout" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand logout" -s V -l version -d 'Print version'
complete -c skene -n "__fish_skene_using_subcommand push" -l output-dir -d 'The bundle directory, relative to PATH [default: skene-context, else skene]' -r
complete -c skene -n "__fish_skene_using_subcommand push" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand push" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand push" -l workspace -d 'Workspace profile to use (its slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand push" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand push" -l dry-run -d 'Check the bundle and show what would be sent, without a key or the network'
complete -c skene -n "__fish_skene_using_subcommand push" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand push" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand push" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand push" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand push" -s V -l version -d 'Print version'
complete -c skene -n "__fish_skene_using_subcommand validate" -l output-dir -d 'The bundle directory, relative to PATH [default: skene-context, else skene]' -r
complete -c skene -n "__fish_skene_using_subcommand validate" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand validate" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand validate" -l workspace -d 'Workspace profile to use (its slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand validate" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand validate" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand validate" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand validate" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand validate" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand validate" -s V -l version -d 'Print version'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l workspace -d 'Workspace profile to use (its slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -s V -l version -d 'Print version'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -f -a "status" -d 'Check the key online and show who and where you are logged in'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -f -a "token" -d 'Print the key in use to stdout, and nothing else (for piping)'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -f -a "switch" -d 'Make another saved workspace the active one'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l workspace -d 'Workspace profile to use (its slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l workspace -d 'Workspace profile to use (its slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from switch" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from switch" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from switch" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from switch" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from switch" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from switch" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from switch" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from switch" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from switch" -s V -l version -d 'Print version'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Check the key online and show who and where you are logged in'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "token" -d 'Print the key in use to stdout, and nothing else (for piping)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "switch" -d 'Make another saved workspace the active one'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand completions" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand completions" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand completions" -l workspace -d 'Workspace profile to use (its slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand completions" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand completions" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand completions" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand completions" -s V -l version -d 'Print version'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate auth completions help" -f -a "login" -d 'Log in to a workspace and store its API key in the OS keyring'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate auth completions help" -f -a "logout" -d 'Remove a stored key and its profile'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate auth completions help" -f -a "push" -d 'Check the bundle and upload it to the workspace'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate auth completions help" -f -a "validate" -d 'Check the bundle offline, without pushing it'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate auth completions help" -f -a "auth" -d 'Inspect and manage stored logins'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate auth completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate auth completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Check the key online and show who and where you are logged in'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "token" -d 'Print the key in use to stdout, and nothing else (for piping)'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "switch" -d 'Make another saved workspace the active one'
