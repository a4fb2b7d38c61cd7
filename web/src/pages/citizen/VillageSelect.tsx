// The village picker of 一键反映's 填写地址 (a searchable select): its own module, loaded when it is shown, so
// that the select's code is not part of the page's first load on a phone (issue 22).
import { Select } from 'antd';

export default function VillageSelect({
  value,
  onChange,
  options,
  loading,
  placeholder,
}: {
  value: number | null;
  onChange: (value: number | null) => void;
  options: { value: number; label: string }[];
  loading: boolean;
  placeholder: string;
}) {
  return (
    <Select
      style={{ width: '100%', marginTop: 8 }}
      showSearch
      allowClear
      loading={loading}
      value={value ?? undefined}
      onChange={(v) => onChange(v ?? null)}
      options={options}
      optionFilterProp="label"
      placeholder={placeholder}
      data-testid="village"
    />
  );
}
