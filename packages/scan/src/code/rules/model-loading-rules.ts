import { lastSegment } from '../ir.js';
import { callRule, isFalse, isTrue, kwarg, type CodeRule } from './code-rule.js';

/**
 * Unsafe model loading (OWASP LLM03:2025 Supply Chain, MITRE ATLAS
 * AML.T0010 AI Supply Chain Compromise / AML.T0011.000 Unsafe AI Artifacts):
 * pickle-based loaders, remote code in model repos, unpinned Hub revisions.
 */
const SUPPLY = ['LLM03:2025', 'AML.T0010', 'AML.T0011.000'];
const HUB_REPO = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
const COMMIT_SHA = /^[0-9a-f]{40}$/;

export const modelLoadingRules: CodeRule[] = [
  callRule(
    {
      id: 'ai.model.torch-load-unsafe',
      title: 'torch.load without weights_only=True',
      description:
        'torch.load unpickles the file; without weights_only=True (or with weights_only=False) a malicious checkpoint runs code on load.',
      remediation:
        'Pass weights_only=True, or store weights as safetensors and load them with safetensors.torch.load_file.',
      severity: 'high',
      cwe: ['CWE-502'],
      refs: [...SUPPLY, 'CWE-502'],
    },
    ['python'],
    (call) => {
      if (call.callee !== 'torch.load' && call.callee !== 'torch.serialization.load')
        return undefined;
      const flag = kwarg(call, 'weights_only');
      return isTrue(flag)
        ? undefined
        : flag
          ? 'torch.load is called with weights_only not True.'
          : 'torch.load is called without weights_only=True.';
    },
  ),
  callRule(
    {
      id: 'ai.model.pickle-load',
      title: 'Model or data loaded with a pickle-based deserialiser',
      description:
        'pickle / joblib / dill / cloudpickle / pandas.read_pickle loads execute arbitrary code embedded in the file.',
      remediation:
        'Use safetensors, ONNX, skops (with trusted types) or JSON; only unpickle files you produced and verified by hash/signature.',
      severity: 'high',
      cwe: ['CWE-502'],
      refs: [...SUPPLY, 'CWE-502'],
    },
    ['python'],
    (call) => {
      const c = call.callee;
      if (
        /^(pickle|_pickle|cPickle|dill|cloudpickle)\.(load|loads|Unpickler)$/.test(c) ||
        /^(joblib|sklearn\.externals\.joblib)\.load$/.test(c) ||
        /^(pandas|pd)\.read_pickle$/.test(c) ||
        c === 'torch.package.PackageImporter'
      ) {
        return `${c}() can execute code from the file it loads.`;
      }
      return undefined;
    },
  ),
  callRule(
    {
      id: 'ai.model.trust-remote-code',
      title: 'trust_remote_code enabled',
      description:
        'trust_remote_code=True downloads and runs Python from the model repository when the model loads.',
      remediation:
        'Avoid it; if required, pin revision= to a reviewed commit SHA and vendor the code.',
      severity: 'high',
      cwe: ['CWE-494', 'CWE-94'],
      refs: [...SUPPLY, 'CWE-494', 'ASI04:2026'],
    },
    ['python', 'typescript'],
    (call) =>
      isTrue(kwarg(call, 'trust_remote_code', 'trustRemoteCode'))
        ? `${call.callee || 'call'} sets trust_remote_code=True.`
        : undefined,
  ),
  callRule(
    {
      id: 'ai.model.unpinned-revision',
      title: 'Hugging Face model loaded without a pinned revision',
      description:
        'from_pretrained / hf_hub_download / snapshot_download on a Hub repo id without revision=<commit sha> loads whatever the repo holds at run time.',
      remediation: 'Pass revision= with a full 40-character commit SHA and review upgrades.',
      severity: 'medium',
      cwe: ['CWE-494', 'CWE-1104'],
      refs: [...SUPPLY, 'CWE-494'],
    },
    ['python', 'typescript'],
    (call) => {
      const last = lastSegment(call.callee);
      let repo: string | undefined;
      if (last === 'from_pretrained')
        repo =
          call.args[0]?.kind === 'string'
            ? call.args[0].value
            : kwarg(call, 'pretrained_model_name_or_path')?.value;
      else if (last === 'hf_hub_download' || last === 'snapshot_download') {
        const arg = kwarg(call, 'repo_id') ?? call.args[0];
        repo = arg?.kind === 'string' ? arg.value : undefined;
      } else if (last === 'pipeline') {
        const arg = kwarg(call, 'model') ?? call.args[1];
        repo = arg?.kind === 'string' ? arg.value : undefined;
      } else return undefined;
      if (repo === undefined || !HUB_REPO.test(repo)) return undefined;
      const revision = kwarg(call, 'revision', 'commit_hash');
      if (revision?.kind === 'string' && COMMIT_SHA.test(revision.value ?? '')) return undefined;
      return revision
        ? `${repo} is pinned to "${revision.text}", not a commit SHA.`
        : `${repo} is loaded without a pinned revision.`;
    },
  ),
  callRule(
    {
      id: 'ai.model.keras-unsafe-mode',
      title: 'Keras model loaded with safe_mode=False',
      description:
        'safe_mode=False lets a .keras file deserialise Lambda layers, i.e. run arbitrary Python.',
      remediation: 'Keep the default safe_mode=True; rebuild Lambda layers in code.',
      severity: 'high',
      cwe: ['CWE-502', 'CWE-94'],
      refs: [...SUPPLY, 'CWE-502'],
    },
    ['python'],
    (call) =>
      lastSegment(call.callee) === 'load_model' && isFalse(kwarg(call, 'safe_mode'))
        ? 'load_model is called with safe_mode=False.'
        : undefined,
  ),
  callRule(
    {
      id: 'ai.model.numpy-allow-pickle',
      title: 'numpy.load with allow_pickle=True',
      description:
        'allow_pickle=True lets a .npy/.npz file carry pickled objects that run code when loaded.',
      remediation: 'Keep allow_pickle=False (the default) and store plain arrays.',
      severity: 'medium',
      cwe: ['CWE-502'],
      refs: [...SUPPLY, 'CWE-502'],
    },
    ['python'],
    (call) =>
      (call.callee === 'numpy.load' || call.callee === 'np.load') &&
      isTrue(kwarg(call, 'allow_pickle'))
        ? 'numpy.load is called with allow_pickle=True.'
        : undefined,
  ),
  callRule(
    {
      id: 'ai.model.vector-store-pickle',
      title: 'Vector store loaded with dangerous deserialisation',
      description:
        'allow_dangerous_deserialization=True (FAISS.load_local and similar) unpickles the index and docstore; a tampered index runs code.',
      remediation:
        'Only load indexes you built and verified by hash; prefer stores that persist without pickle.',
      severity: 'high',
      cwe: ['CWE-502'],
      refs: ['LLM03:2025', 'LLM08:2025', 'AML.T0010', 'CWE-502'],
    },
    ['python', 'typescript'],
    (call) =>
      isTrue(kwarg(call, 'allow_dangerous_deserialization', 'allowDangerousDeserialization'))
        ? `${call.callee || 'call'} sets allow_dangerous_deserialization=True.`
        : undefined,
  ),
];
