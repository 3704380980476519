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
complete -c skene -n "__fish_skene_needs_command" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
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
complete -c skene -n "__fish_skene_needs_command" -f -a "members" -d 'Manage the workspace\'s members and invitations'
complete -c skene -n "__fish_skene_needs_command" -f -a "keys" -d 'Manage the workspace\'s API keys and allowed origins'
complete -c skene -n "__fish_skene_needs_command" -f -a "integrations" -d 'See the workspace\'s Supabase and GitHub connections'
complete -c skene -n "__fish_skene_needs_command" -f -a "chat" -d 'Ask the workspace\'s Agent (OpenAI-compatible chat), streaming the answer'
complete -c skene -n "__fish_skene_needs_command" -f -a "models" -d 'List the models the workspace offers'
complete -c skene -n "__fish_skene_needs_command" -f -a "api" -d 'Send an authenticated request to any API endpoint'
complete -c skene -n "__fish_skene_needs_command" -f -a "triggers" -d 'Generate and check the database trigger migrations from engine.yaml'
complete -c skene -n "__fish_skene_needs_command" -f -a "agent" -d 'The local agent: the workspace\'s Agent as an OpenAI-compatible endpoint on 127.0.0.1'
complete -c skene -n "__fish_skene_needs_command" -f -a "auth" -d 'Inspect and manage stored logins'
complete -c skene -n "__fish_skene_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c skene -n "__fish_skene_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand login" -l store -d 'Where to keep the key' -r -f -a "auto\t'The OS keyring, or the credentials file when no keyring is usable'
keyring\t'The OS keyring only: fail when it is not usable'
file\t'The plaintext credentials file (mode 0600) in the config directory'"
complete -c skene -n "__fish_skene_using_subcommand login" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand login" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand login" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand login" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand login" -l with-key -d 'Read the key from standard input (its first line) instead of prompting'
complete -c skene -n "__fish_skene_using_subcommand login" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand login" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand login" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand login" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand logout" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand logout" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand logout" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand logout" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand logout" -l all -d 'Log out of every saved workspace, and remove every key skene stored'
complete -c skene -n "__fish_skene_using_subcommand logout" -l revoke -d 'Also revoke the key on the server (DELETE /api-keys/{id}) before removing it'
complete -c skene -n "__fish_skene_using_subcommand logout" -s y -l yes -d 'Do not ask before revoking'
complete -c skene -n "__fish_skene_using_subcommand logout" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand logout" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand logout" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand logout" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand push" -l output-dir -d 'The bundle directory, relative to PATH [default: skene-context, else skene]' -r
complete -c skene -n "__fish_skene_using_subcommand push" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand push" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand push" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand push" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand push" -l dry-run -d 'Check the bundle and show what would be sent, without a key or the network'
complete -c skene -n "__fish_skene_using_subcommand push" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand push" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand push" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand push" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand validate" -l output-dir -d 'The bundle directory, relative to PATH [default: skene-context, else skene]' -r
complete -c skene -n "__fish_skene_using_subcommand validate" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand validate" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand validate" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand validate" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand validate" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand validate" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand validate" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand validate" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -f -a "list" -d 'List members and pending invitations, the owner first'
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -f -a "invite" -d 'Invite people by email'
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -f -a "remove" -d 'Remove members or cancel invitations'
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -f -a "transfer" -d 'Make another member the owner (you become a member)'
complete -c skene -n "__fish_skene_using_subcommand members; and not __fish_seen_subcommand_from list invite remove transfer help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from list" -l limit -d 'Stop after this many' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from list" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from list" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from list" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from list" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from invite" -l role -d 'The role they get' -r -f -a "member\t''"
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from invite" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from invite" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from invite" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from invite" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from invite" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from invite" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from invite" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from invite" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from invite" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from remove" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from remove" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from remove" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from remove" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from remove" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from transfer" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from transfer" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from transfer" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from transfer" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from transfer" -s y -l yes -d 'Do not ask for confirmation'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from transfer" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from transfer" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from transfer" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from transfer" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from transfer" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from help" -f -a "list" -d 'List members and pending invitations, the owner first'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from help" -f -a "invite" -d 'Invite people by email'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove members or cancel invitations'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from help" -f -a "transfer" -d 'Make another member the owner (you become a member)'
complete -c skene -n "__fish_skene_using_subcommand members; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -f -a "list" -d 'List the workspace\'s API keys; the one this CLI uses is marked'
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -f -a "create" -d 'Create a key and print it, alone, on stdout (shown once)'
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -f -a "delete" -d 'Delete keys; they stop working at once'
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -f -a "origins" -d 'The browser origins allowed to call the API with a key (CORS)'
complete -c skene -n "__fish_skene_using_subcommand keys; and not __fish_seen_subcommand_from list create delete origins help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from list" -l limit -d 'Stop after this many' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from list" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from list" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from list" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from list" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from create" -l name -d 'A name that says where the key is used [default: asked on a terminal, else skene-<host>-<date>]' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from create" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from create" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from create" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from create" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from create" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from delete" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from delete" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from delete" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -f -a "list" -d 'Show the allowed origins'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -f -a "add" -d 'Allow more origins (scheme://host[:port])'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -f -a "remove" -d 'Stop allowing origins'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -f -a "set" -d 'Replace the list'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from origins" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the workspace\'s API keys; the one this CLI uses is marked'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a key and print it, alone, on stdout (shown once)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete keys; they stop working at once'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "origins" -d 'The browser origins allowed to call the API with a key (CORS)'
complete -c skene -n "__fish_skene_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -f -a "list" -d 'Show the Supabase and GitHub connections'
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -f -a "open" -d 'Open the workspace\'s integrations page in the browser (connecting is done there)'
complete -c skene -n "__fish_skene_using_subcommand integrations; and not __fish_seen_subcommand_from list open help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from list" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from list" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from list" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from list" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from open" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from open" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from open" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from open" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from open" -l print -d 'Print the URL instead of opening a browser'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from open" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from open" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from open" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from open" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from open" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show the Supabase and GitHub connections'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from help" -f -a "open" -d 'Open the workspace\'s integrations page in the browser (connecting is done there)'
complete -c skene -n "__fish_skene_using_subcommand integrations; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand chat" -l model -d 'The model' -r
complete -c skene -n "__fish_skene_using_subcommand chat" -l system -d 'A system message sent before the conversation' -r
complete -c skene -n "__fish_skene_using_subcommand chat" -l temperature -d 'Sampling temperature (a finite number, e.g. 0.7)' -r
complete -c skene -n "__fish_skene_using_subcommand chat" -l max-tokens -d 'The most tokens the answer may have' -r
complete -c skene -n "__fish_skene_using_subcommand chat" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand chat" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand chat" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand chat" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand chat" -l no-stream -d 'Ask for the whole answer at once instead of streaming it'
complete -c skene -n "__fish_skene_using_subcommand chat" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand chat" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand chat" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand chat" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand chat" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand models" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand models" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand models" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand models" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand models" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand models" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand models" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand models" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand models" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand api" -s X -l method -d 'The HTTP method [default: GET, or POST with a body]' -r
complete -c skene -n "__fish_skene_using_subcommand api" -s H -l header -d 'An extra header, \'Name: value\'' -r
complete -c skene -n "__fish_skene_using_subcommand api" -s f -l field -d 'A field of a JSON body, key=value (key=@file reads a file)' -r
complete -c skene -n "__fish_skene_using_subcommand api" -l input -d 'Send a file as the body (`-` for standard input)' -r -F
complete -c skene -n "__fish_skene_using_subcommand api" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand api" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand api" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand api" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand api" -s i -l include -d 'Print the status line and the answer\'s headers too'
complete -c skene -n "__fish_skene_using_subcommand api" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand api" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand api" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand api" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -f -a "generate" -d 'Write the base schema and a trigger migration from engine.yaml'
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -f -a "list" -d 'List each action feature with its event, trigger and function'
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -f -a "check" -d 'Check the migrations, and with --db a database, against engine.yaml'
complete -c skene -n "__fish_skene_using_subcommand triggers; and not __fish_seen_subcommand_from generate list check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -l output-dir -d 'The bundle directory, relative to PATH [default: skene-context, else skene]' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -l ingest-url -d 'Where pg_net posts events (…/api/v1/cloud/ingest/db-trigger is appended) [default: a placeholder]' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -l proxy-secret-env -d 'The environment variable holding the proxy secret for the webhook [default: a placeholder]' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -l dry-run -d 'Print the SQL instead of writing it'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -l no-webhook -d 'Leave pg_net and the webhook out; announce new events with NOTIFY for the local agent'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from list" -l output-dir -d 'The bundle directory, relative to PATH [default: skene-context, else skene]' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from list" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from list" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from list" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from list" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from check" -l output-dir -d 'The bundle directory, relative to PATH [default: skene-context, else skene]' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from check" -l db -d 'The database to compare (sslmode honoured; PGPASSWORD fills a missing password)' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from check" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from check" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from check" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from check" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from check" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Write the base schema and a trigger migration from engine.yaml'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from help" -f -a "list" -d 'List each action feature with its event, trigger and function'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the migrations, and with --db a database, against engine.yaml'
complete -c skene -n "__fish_skene_using_subcommand triggers; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -f -a "run" -d 'Run the local agent in the foreground (Ctrl-C or SIGTERM stops it)'
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -f -a "status" -d 'Show what the running agent is doing (exit 3 when none runs)'
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -f -a "env" -d 'Print the variables that point OpenAI SDKs and tools at the agent\'s gateway'
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -f -a "token" -d 'Manage the local token that tools show the agent'
complete -c skene -n "__fish_skene_using_subcommand agent; and not __fish_seen_subcommand_from run status env token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -l gateway-port -d 'The gateway\'s port on 127.0.0.1 [default: 4917, or a free port when it is taken; 0: any free port]' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -l allow-origin -d 'Let web pages of ORIGIN (e.g. http://localhost:3000) call the gateway; repeatable' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -l gateway-only -d 'Run the gateway alone, without the event forwarder'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from status" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from status" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from status" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from status" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from env" -l format -d 'The syntax to print' -r -f -a "sh\t'`export NAME=\'value\'` (bash, zsh, sh)'
fish\t'`set -gx NAME \'value\'`'
powershell\t'`$env:NAME = \'value\'`'
dotenv\t'`NAME=value`'"
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from env" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from env" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from env" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from env" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from env" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from env" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from env" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from env" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from token" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from token" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from token" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from token" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from token" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from token" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from token" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from token" -f -a "rotate" -d 'Replace the local token: tools that hold the old one are refused from now on'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from token" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run the local agent in the foreground (Ctrl-C or SIGTERM stops it)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show what the running agent is doing (exit 3 when none runs)'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "env" -d 'Print the variables that point OpenAI SDKs and tools at the agent\'s gateway'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "token" -d 'Manage the local token that tools show the agent'
complete -c skene -n "__fish_skene_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -f -a "status" -d 'Check the key online and show who and where you are logged in'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -f -a "token" -d 'Print the key in use to stdout, and nothing else (for piping)'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -f -a "switch" -d 'Make another saved workspace the active one'
complete -c skene -n "__fish_skene_using_subcommand auth; and not __fish_seen_subcommand_from status token switch help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help (see more with \'--help\')'
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
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Check the key online and show who and where you are logged in'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "token" -d 'Print the key in use to stdout, and nothing else (for piping)'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "switch" -d 'Make another saved workspace the active one'
complete -c skene -n "__fish_skene_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand completions" -l upstream -d 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base' -r
complete -c skene -n "__fish_skene_using_subcommand completions" -l api-url -d 'API base URL, used verbatim; wins over --upstream' -r
complete -c skene -n "__fish_skene_using_subcommand completions" -l workspace -d 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)' -r
complete -c skene -n "__fish_skene_using_subcommand completions" -l color -d 'When to use colors on stderr (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c skene -n "__fish_skene_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout'
complete -c skene -n "__fish_skene_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c skene -n "__fish_skene_using_subcommand completions" -s v -l verbose -d 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
complete -c skene -n "__fish_skene_using_subcommand completions" -l no-input -d 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
complete -c skene -n "__fish_skene_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "login" -d 'Log in to a workspace and store its API key in the OS keyring'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "logout" -d 'Remove a stored key and its profile'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "push" -d 'Check the bundle and upload it to the workspace'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "validate" -d 'Check the bundle offline, without pushing it'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "members" -d 'Manage the workspace\'s members and invitations'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "keys" -d 'Manage the workspace\'s API keys and allowed origins'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "integrations" -d 'See the workspace\'s Supabase and GitHub connections'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "chat" -d 'Ask the workspace\'s Agent (OpenAI-compatible chat), streaming the answer'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "models" -d 'List the models the workspace offers'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "api" -d 'Send an authenticated request to any API endpoint'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "triggers" -d 'Generate and check the database trigger migrations from engine.yaml'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "agent" -d 'The local agent: the workspace\'s Agent as an OpenAI-compatible endpoint on 127.0.0.1'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "auth" -d 'Inspect and manage stored logins'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c skene -n "__fish_skene_using_subcommand help; and not __fish_seen_subcommand_from login logout push validate members keys integrations chat models api triggers agent auth completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from members" -f -a "list" -d 'List members and pending invitations, the owner first'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from members" -f -a "invite" -d 'Invite people by email'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from members" -f -a "remove" -d 'Remove members or cancel invitations'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from members" -f -a "transfer" -d 'Make another member the owner (you become a member)'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "list" -d 'List the workspace\'s API keys; the one this CLI uses is marked'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "create" -d 'Create a key and print it, alone, on stdout (shown once)'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "delete" -d 'Delete keys; they stop working at once'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "origins" -d 'The browser origins allowed to call the API with a key (CORS)'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from integrations" -f -a "list" -d 'Show the Supabase and GitHub connections'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from integrations" -f -a "open" -d 'Open the workspace\'s integrations page in the browser (connecting is done there)'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from triggers" -f -a "generate" -d 'Write the base schema and a trigger migration from engine.yaml'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from triggers" -f -a "list" -d 'List each action feature with its event, trigger and function'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from triggers" -f -a "check" -d 'Check the migrations, and with --db a database, against engine.yaml'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "run" -d 'Run the local agent in the foreground (Ctrl-C or SIGTERM stops it)'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "status" -d 'Show what the running agent is doing (exit 3 when none runs)'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "env" -d 'Print the variables that point OpenAI SDKs and tools at the agent\'s gateway'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "token" -d 'Manage the local token that tools show the agent'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Check the key online and show who and where you are logged in'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "token" -d 'Print the key in use to stdout, and nothing else (for piping)'
complete -c skene -n "__fish_skene_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "switch" -d 'Make another saved workspace the active one'
