
use builtin;
use str;

set edit:completion:arg-completer[skene] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'skene'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'skene'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Workspace profile to use (its slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Log in to a workspace and store its API key in the OS keyring'
            cand logout 'Remove a stored key and its profile'
            cand push 'Check the bundle and upload it to the workspace'
            cand validate 'Check the bundle offline, without pushing it'
            cand auth 'Inspect and manage stored logins'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;login'= {
            cand --store 'Where to keep the key'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Workspace profile to use (its slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --with-key 'Read the key from standard input (its first line) instead of prompting'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'skene;logout'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Workspace profile to use (its slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --all 'Log out of every saved workspace'
            cand --revoke 'Also revoke the key on the server (DELETE /api-keys/{id}) before removing it'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'skene;push'= {
            cand --output-dir 'The bundle directory, relative to PATH [default: skene-context, else skene]'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Workspace profile to use (its slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --dry-run 'Check the bundle and show what would be sent, without a key or the network'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'skene;validate'= {
            cand --output-dir 'The bundle directory, relative to PATH [default: skene-context, else skene]'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Workspace profile to use (its slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'skene;auth'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Workspace profile to use (its slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Check the key online and show who and where you are logged in'
            cand token 'Print the key in use to stdout, and nothing else (for piping)'
            cand switch 'Make another saved workspace the active one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;auth;status'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Workspace profile to use (its slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'skene;auth;token'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Workspace profile to use (its slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'skene;auth;switch'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'skene;auth;help'= {
            cand status 'Check the key online and show who and where you are logged in'
            cand token 'Print the key in use to stdout, and nothing else (for piping)'
            cand switch 'Make another saved workspace the active one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;auth;help;status'= {
        }
        &'skene;auth;help;token'= {
        }
        &'skene;auth;help;switch'= {
        }
        &'skene;auth;help;help'= {
        }
        &'skene;completions'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Workspace profile to use (its slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'skene;help'= {
            cand login 'Log in to a workspace and store its API key in the OS keyring'
            cand logout 'Remove a stored key and its profile'
            cand push 'Check the bundle and upload it to the workspace'
            cand validate 'Check the bundle offline, without pushing it'
            cand auth 'Inspect and manage stored logins'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;help;login'= {
        }
        &'skene;help;logout'= {
        }
        &'skene;help;push'= {
        }
        &'skene;help;validate'= {
        }
        &'skene;help;auth'= {
            cand status 'Check the key online and show who and where you are logged in'
            cand token 'Print the key in use to stdout, and nothing else (for piping)'
            cand switch 'Make another saved workspace the active one'
        }
        &'skene;help;auth;status'= {
        }
        &'skene;help;auth;token'= {
        }
        &'skene;help;auth;switch'= {
        }
        &'skene;help;completions'= {
        }
        &'skene;help;help'= {
        }
    ]
    $completions[$command]
}
