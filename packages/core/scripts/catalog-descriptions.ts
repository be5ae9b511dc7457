/**
 * Bulwark's own one-line descriptions for the catalog entries whose upstream
 * text may not be copied verbatim (OWASP: CC BY-SA 4.0; CWE: MITRE terms of
 * use, whose names we keep but whose descriptions we write ourselves). The
 * catalog generator fails if an OWASP or CWE entry has no description here, or
 * if a description here names an ID the catalog does not hold.
 */

/** OWASP Top 10 for LLM Applications, both editions, keyed `LLMxx:YYYY`. */
export const OWASP_LLM_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'LLM01:2025':
    'Text from users or from retrieved content changes what the model does, overriding the instructions the application gave it.',
  'LLM02:2025':
    'The model or the application around it reveals personal data, secrets or confidential business data in its answers.',
  'LLM03:2025':
    'Third-party models, datasets, adapters or packages the application relies on are tampered with, vulnerable or of unknown origin.',
  'LLM04:2025':
    'Training, fine-tuning or embedding data is manipulated so the model learns backdoors, biases or wrong behaviour.',
  'LLM05:2025':
    'Model output reaches browsers, shells, databases or other interpreters without validation or encoding.',
  'LLM06:2025':
    'The model is given more tools, permissions or autonomy than its task needs, so a bad output turns into a harmful action.',
  'LLM07:2025':
    'The system prompt holds secrets or security logic that an attacker can extract or that the application wrongly relies on.',
  'LLM08:2025':
    'Weaknesses in how embeddings are created, stored or retrieved let attackers inject, poison or read content across trust boundaries.',
  'LLM09:2025':
    'The model produces false but plausible content that users or downstream systems trust and act on.',
  'LLM10:2025':
    'Requests are not limited in size, rate or cost, allowing denial of service, runaway spending or model extraction.',
  'LLM01:2026':
    'Instructions hidden in user input or in any content the model reads (documents, web pages, tool results, images) take over its behaviour.',
  'LLM02:2026':
    'Personal data, credentials or confidential material leak through model answers, logs, traces or retrieved context.',
  'LLM03:2026':
    'An LLM-driven component can call tools or take actions beyond what its task requires, without sufficient checks or approval.',
  'LLM04:2026':
    'Models, datasets, adapters, prompts or libraries obtained from others are compromised, vulnerable or untraceable.',
  'LLM05:2026':
    'Data used to train, tune or ground the model is poisoned to plant backdoors, biases or targeted misbehaviour.',
  'LLM06:2026':
    'Unlimited requests, tokens, reasoning loops or tool calls exhaust capacity or budget, or enable model extraction.',
  'LLM07:2026':
    'Confident but wrong model output, including omissions and invalid tool calls, is acted on without verification.',
  'LLM08:2026':
    'Content kept out of the user’s view, such as system prompts, tool schemas or control logic, is exposed or trusted for security.',
  'LLM09:2026':
    'Vector stores, embeddings, retrieval and semantic caches can be poisoned, jammed or queried across tenants.',
  'LLM10:2026':
    'Downstream code treats model output as trusted and passes it to interpreters, renderers or APIs without validation.',
};

/** OWASP Top 10 for Agentic Applications 2026, keyed `ASIxx:2026`. */
export const OWASP_AGENTIC_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'ASI01:2026':
    'Injected content redirects an agent’s goals, plan or choice of actions away from what its principal intended.',
  'ASI02:2026':
    'An agent uses tools it is allowed to use in harmful ways: unsafe arguments, dangerous chains or loops that burn resources.',
  'ASI03:2026':
    'Agents reuse, leak or escalate the credentials and delegated rights of users or services they act for.',
  'ASI04:2026':
    'Tools, MCP servers, plugins, prompts or models an agent loads at build or run time are malicious or later turn malicious.',
  'ASI05:2026':
    'Code or commands an agent writes or runs can be steered by an attacker into arbitrary execution or a sandbox escape.',
  'ASI06:2026':
    'Memory, conversation state or shared knowledge is poisoned so that later reasoning and actions go wrong.',
  'ASI07:2026':
    'Messages between agents lack authentication, integrity or validation, so they can be spoofed, replayed or altered.',
  'ASI08:2026':
    'An error or compromise in one agent or step spreads through tools and other agents into a system-wide failure.',
  'ASI09:2026':
    'People over-trust an agent, or are misled by it, and approve or carry out harmful actions.',
  'ASI10:2026':
    'An agent that is compromised or misaligned acts outside its mandate while appearing to behave normally.',
};

/**
 * CWE entries in the catalog: the CWE-1448 view with its two categories and
 * 17 members, plus general weaknesses that findings about AI applications,
 * model files, secrets and agent tools commonly cite. `name` is MITRE's
 * official name (kept with the MITRE notice); `description` is ours.
 */
export const CWE_ENTRIES: Readonly<Record<string, { name: string; description: string }>> = {
  'CWE-20': {
    name: 'Improper Input Validation',
    description: 'Input is used without checking that it has the expected form, size or range.',
  },
  'CWE-22': {
    name: "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
    description: 'A path built from input can escape the directory it is meant to stay in.',
  },
  'CWE-59': {
    name: "Improper Link Resolution Before File Access ('Link Following')",
    description:
      'A symbolic or hard link lets file access reach a target outside the intended location.',
  },
  'CWE-74': {
    name: "Improper Neutralization of Special Elements in Output Used by a Downstream Component ('Injection')",
    description: 'Data passed to another component can be read there as commands or syntax.',
  },
  'CWE-77': {
    name: "Improper Neutralization of Special Elements used in a Command ('Command Injection')",
    description: 'Input changes the meaning of a command the product builds and runs.',
  },
  'CWE-78': {
    name: "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
    description: 'Input reaches an operating-system command line and can add or alter commands.',
  },
  'CWE-79': {
    name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
    description: 'Untrusted text is placed in a web page so that a browser runs it as script.',
  },
  'CWE-89': {
    name: "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
    description: 'Input is spliced into an SQL statement and can change the query.',
  },
  'CWE-94': {
    name: "Improper Control of Generation of Code ('Code Injection')",
    description: 'The product builds code from input and runs it, letting the input add logic.',
  },
  'CWE-95': {
    name: "Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')",
    description: 'Input reaches an eval-style call and is executed as code.',
  },
  'CWE-116': {
    name: 'Improper Encoding or Escaping of Output',
    description: 'Output sent to another component is not encoded for that component’s syntax.',
  },
  'CWE-117': {
    name: 'Improper Output Neutralization for Logs',
    description: 'Input written to logs can forge entries or inject control sequences.',
  },
  'CWE-176': {
    name: 'Improper Handling of Unicode Encoding',
    description:
      'Unicode forms, invisible or look-alike characters slip past checks that compare raw text.',
  },
  'CWE-190': {
    name: 'Integer Overflow or Wraparound',
    description: 'A calculation exceeds its numeric range and wraps, corrupting sizes or offsets.',
  },
  'CWE-200': {
    name: 'Exposure of Sensitive Information to an Unauthorized Actor',
    description: 'Information reaches someone who is not allowed to see it.',
  },
  'CWE-201': {
    name: 'Insertion of Sensitive Information Into Sent Data',
    description: 'Data sent to another party carries secrets or personal data it should not.',
  },
  'CWE-209': {
    name: 'Generation of Error Message Containing Sensitive Information',
    description: 'Error messages reveal internals, secrets or personal data.',
  },
  'CWE-212': {
    name: 'Improper Removal of Sensitive Information Before Storage or Transfer',
    description: 'Sensitive parts of data are not stripped before the data is stored or shared.',
  },
  'CWE-250': {
    name: 'Execution with Unnecessary Privileges',
    description:
      'Code runs with more privileges than its job needs, widening the damage of a flaw.',
  },
  'CWE-256': {
    name: 'Plaintext Storage of a Password',
    description: 'Passwords are kept in readable form.',
  },
  'CWE-259': {
    name: 'Use of Hard-coded Password',
    description: 'A password is written into code or shipped configuration.',
  },
  'CWE-260': {
    name: 'Password in Configuration File',
    description: 'A configuration file holds a password in usable form.',
  },
  'CWE-269': {
    name: 'Improper Privilege Management',
    description:
      'Privileges are granted, kept or dropped incorrectly, letting an actor gain rights.',
  },
  'CWE-284': {
    name: 'Improper Access Control',
    description: 'Access to a resource is not restricted to the actors who should have it.',
  },
  'CWE-285': {
    name: 'Improper Authorization',
    description: 'The product does not correctly check whether an actor may perform an action.',
  },
  'CWE-287': {
    name: 'Improper Authentication',
    description: 'A claimed identity is accepted without proving it correctly.',
  },
  'CWE-295': {
    name: 'Improper Certificate Validation',
    description: 'TLS certificates are not checked properly, allowing impersonation of a server.',
  },
  'CWE-306': {
    name: 'Missing Authentication for Critical Function',
    description: 'An important function can be used without proving identity.',
  },
  'CWE-307': {
    name: 'Improper Restriction of Excessive Authentication Attempts',
    description: 'Unlimited login attempts make guessing credentials practical.',
  },
  'CWE-311': {
    name: 'Missing Encryption of Sensitive Data',
    description: 'Sensitive data is stored or sent with no encryption at all.',
  },
  'CWE-312': {
    name: 'Cleartext Storage of Sensitive Information',
    description: 'Secrets or personal data are stored without encryption.',
  },
  'CWE-319': {
    name: 'Cleartext Transmission of Sensitive Information',
    description: 'Secrets or personal data travel over an unencrypted channel.',
  },
  'CWE-321': {
    name: 'Use of Hard-coded Cryptographic Key',
    description: 'A cryptographic key is embedded in code or shipped files.',
  },
  'CWE-326': {
    name: 'Inadequate Encryption Strength',
    description: 'Encryption is used with keys or parameters too weak to protect the data.',
  },
  'CWE-327': {
    name: 'Use of a Broken or Risky Cryptographic Algorithm',
    description: 'Protection relies on a cryptographic algorithm known to be weak.',
  },
  'CWE-328': {
    name: 'Use of Weak Hash',
    description: 'A hash function too weak for its security purpose is relied on.',
  },
  'CWE-330': {
    name: 'Use of Insufficiently Random Values',
    description: 'Security values such as tokens come from a predictable source.',
  },
  'CWE-345': {
    name: 'Insufficient Verification of Data Authenticity',
    description: 'Data is accepted without confirming where it came from or that it is genuine.',
  },
  'CWE-346': {
    name: 'Origin Validation Error',
    description: 'The source of a request or message is not verified correctly.',
  },
  'CWE-347': {
    name: 'Improper Verification of Cryptographic Signature',
    description: 'A signature is not checked, or is checked wrongly, before data is trusted.',
  },
  'CWE-352': {
    name: 'Cross-Site Request Forgery (CSRF)',
    description: 'A web action can be triggered from another site using the victim’s session.',
  },
  'CWE-353': {
    name: 'Missing Support for Integrity Check',
    description: 'A format or protocol offers no way to detect that data was altered.',
  },
  'CWE-354': {
    name: 'Improper Validation of Integrity Check Value',
    description: 'A checksum or digest is present but not verified correctly.',
  },
  'CWE-359': {
    name: 'Exposure of Private Personal Information to an Unauthorized Actor',
    description: 'Personal data about people is disclosed to those not entitled to it.',
  },
  'CWE-377': {
    name: 'Insecure Temporary File',
    description: 'Temporary files are created in a way others can predict, read or replace.',
  },
  'CWE-400': {
    name: 'Uncontrolled Resource Consumption',
    description: 'An actor can make the product use up memory, CPU, storage or money.',
  },
  'CWE-409': {
    name: 'Improper Handling of Highly Compressed Data (Data Amplification)',
    description: 'A small compressed input expands into enough data to exhaust memory or disk.',
  },
  'CWE-426': {
    name: 'Untrusted Search Path',
    description: 'Programs or libraries are located through a path an attacker can influence.',
  },
  'CWE-434': {
    name: 'Unrestricted Upload of File with Dangerous Type',
    description:
      'Uploaded files are accepted without limiting types that can be executed or parsed unsafely.',
  },
  'CWE-441': {
    name: "Unintended Proxy or Intermediary ('Confused Deputy')",
    description:
      'The product relays requests with its own authority on behalf of an actor who lacks it.',
  },
  'CWE-451': {
    name: 'User Interface (UI) Misrepresentation of Critical Information',
    description: 'What the user is shown differs from what actually happens or is sent.',
  },
  'CWE-494': {
    name: 'Download of Code Without Integrity Check',
    description: 'Code or models are fetched and used without verifying their integrity or origin.',
  },
  'CWE-502': {
    name: 'Deserialization of Untrusted Data',
    description:
      'Untrusted bytes are deserialized in a format that can construct objects or run code.',
  },
  'CWE-506': {
    name: 'Embedded Malicious Code',
    description: 'A file or component contains code inserted to do harm.',
  },
  'CWE-522': {
    name: 'Insufficiently Protected Credentials',
    description: 'Credentials are stored or sent in a way that lets others obtain them.',
  },
  'CWE-532': {
    name: 'Insertion of Sensitive Information into Log File',
    description: 'Secrets or personal data are written to logs.',
  },
  'CWE-538': {
    name: 'Insertion of Sensitive Information into Externally-Accessible File or Directory',
    description: 'Sensitive data is written where outside parties can read it.',
  },
  'CWE-540': {
    name: 'Inclusion of Sensitive Information in Source Code',
    description: 'Source code contains secrets or other sensitive data.',
  },
  'CWE-601': {
    name: "URL Redirection to Untrusted Site ('Open Redirect')",
    description:
      'Input decides where a user is redirected, enabling phishing via a trusted domain.',
  },
  'CWE-611': {
    name: 'Improper Restriction of XML External Entity Reference',
    description: 'XML parsing resolves external entities, exposing files or internal services.',
  },
  'CWE-613': {
    name: 'Insufficient Session Expiration',
    description: 'Sessions or tokens stay valid long after they should have ended.',
  },
  'CWE-639': {
    name: 'Authorization Bypass Through User-Controlled Key',
    description: 'An identifier supplied by the user selects records without an ownership check.',
  },
  'CWE-668': {
    name: 'Exposure of Resource to Wrong Sphere',
    description: 'A resource is reachable by actors outside the sphere meant to use it.',
  },
  'CWE-674': {
    name: 'Uncontrolled Recursion',
    description: 'Input drives recursion deep enough to exhaust the stack.',
  },
  'CWE-693': {
    name: 'Protection Mechanism Failure',
    description: 'A security control is missing, bypassable or used incorrectly.',
  },
  'CWE-732': {
    name: 'Incorrect Permission Assignment for Critical Resource',
    description: 'A sensitive resource is readable or writable by more actors than intended.',
  },
  'CWE-749': {
    name: 'Exposed Dangerous Method or Function',
    description: 'A powerful operation is callable by actors who should not reach it.',
  },
  'CWE-770': {
    name: 'Allocation of Resources Without Limits or Throttling',
    description: 'Resources are allocated per request with no cap or rate limit.',
  },
  'CWE-776': {
    name: "Improper Restriction of Recursive Entity References in DTDs ('XML Entity Expansion')",
    description: 'Nested XML entities expand into huge documents and exhaust resources.',
  },
  'CWE-789': {
    name: 'Memory Allocation with Excessive Size Value',
    description: 'An input-controlled size leads to an oversized memory allocation.',
  },
  'CWE-798': {
    name: 'Use of Hard-coded Credentials',
    description: 'Passwords, keys or tokens are embedded in code or configuration.',
  },
  'CWE-799': {
    name: 'Improper Control of Interaction Frequency',
    description: 'Nothing limits how often an actor may repeat an interaction.',
  },
  'CWE-807': {
    name: 'Reliance on Untrusted Inputs in a Security Decision',
    description: 'A security decision depends on data the attacker controls.',
  },
  'CWE-829': {
    name: 'Inclusion of Functionality from Untrusted Control Sphere',
    description: 'The product loads code or components from a source it does not control.',
  },
  'CWE-834': {
    name: 'Excessive Iteration',
    description: 'A loop runs far more times than intended, controlled by input.',
  },
  'CWE-862': {
    name: 'Missing Authorization',
    description: 'An action or resource is reachable without any authorization check.',
  },
  'CWE-863': {
    name: 'Incorrect Authorization',
    description: 'An authorization check exists but reaches the wrong decision.',
  },
  'CWE-912': {
    name: 'Hidden Functionality',
    description: 'A component contains undocumented behaviour that can be triggered.',
  },
  'CWE-913': {
    name: 'Improper Control of Dynamically-Managed Code Resources',
    description: 'Code objects created or loaded at run time can be influenced by input.',
  },
  'CWE-915': {
    name: 'Improperly Controlled Modification of Dynamically-Determined Object Attributes',
    description: 'Input can set object attributes that were not meant to be writable.',
  },
  'CWE-918': {
    name: 'Server-Side Request Forgery (SSRF)',
    description: 'Input makes the server send requests to destinations the attacker chooses.',
  },
  'CWE-942': {
    name: 'Permissive Cross-domain Policy with Untrusted Domains',
    description: 'A cross-origin policy lets untrusted sites read or act on responses.',
  },
  'CWE-1039': {
    name: 'Inadequate Detection or Handling of Adversarial Input Perturbations in Automated Recognition Mechanism',
    description:
      'A classifier or recognizer can be fooled by inputs crafted with small deliberate changes.',
  },
  'CWE-1104': {
    name: 'Use of Unmaintained Third Party Components',
    description: 'The product depends on components that no longer receive fixes.',
  },
  'CWE-1188': {
    name: 'Initialization of a Resource with an Insecure Default',
    description: 'A setting ships with a default that leaves the product exposed.',
  },
  'CWE-1284': {
    name: 'Improper Validation of Specified Quantity in Input',
    description: 'A count, length or size in input is used without checking its bounds.',
  },
  'CWE-1321': {
    name: "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')",
    description: 'Input can add or change properties on shared object prototypes.',
  },
  'CWE-1333': {
    name: 'Inefficient Regular Expression Complexity',
    description: 'A regular expression can take exponential or polynomial time on crafted input.',
  },
  'CWE-1336': {
    name: 'Improper Neutralization of Special Elements Used in a Template Engine',
    description: 'Input is evaluated as template syntax and can read data or run code.',
  },
  'CWE-1357': {
    name: 'Reliance on Insufficiently Trustworthy Component',
    description:
      'The product builds on a component whose trustworthiness has not been established.',
  },
  'CWE-1392': {
    name: 'Use of Default Credentials',
    description: 'The product accepts credentials that are publicly known defaults.',
  },
  'CWE-1395': {
    name: 'Dependency on Vulnerable Third-Party Component',
    description: 'The product depends on a component with known vulnerabilities.',
  },
  'CWE-1426': {
    name: 'Improper Validation of Generative AI Output',
    description:
      'Output from a generative model is used without checking it against the product’s security, content or privacy rules.',
  },
  'CWE-1427': {
    name: 'Improper Neutralization of Input Used for LLM Prompting',
    description:
      'Prompts are assembled so the model cannot tell external data apart from the developer’s instructions.',
  },
  'CWE-1434': {
    name: 'Insecure Setting of Generative AI/ML Model Inference Parameters',
    description:
      'Inference settings such as temperature or sampling make erroneous or unexpected model output too likely.',
  },
  'CWE-1446': {
    name: 'Weaknesses That are Specific to AI/ML Technology',
    description:
      'CWE category grouping weaknesses that only arise in AI and machine-learning components.',
  },
  'CWE-1447': {
    name: 'General Software Weaknesses that Appear in Products that Use or Support AI/ML Technology',
    description:
      'CWE category grouping ordinary software weaknesses that are common in AI products.',
  },
  'CWE-1448': {
    name: 'Weaknesses Related to AI/ML Products',
    description: 'CWE view collecting the weaknesses relevant to products that build or use AI/ML.',
  },
};
