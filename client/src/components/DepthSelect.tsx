/** A small "depth" chooser for traversals. */
export function DepthSelect({
  value,
  onChange,
  max = 3,
  label = 'depth',
}: {
  value: number;
  onChange: (depth: number) => void;
  max?: number;
  label?: string;
}) {
  return (
    <label className="inline-field">
      {label}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {Array.from({ length: max }, (_, i) => i + 1).map((depth) => (
          <option key={depth} value={depth}>
            {depth}
          </option>
        ))}
      </select>
    </label>
  );
}
