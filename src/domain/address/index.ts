// 地址匹配: free-text Chinese addresses to the most specific known place, its grid and a point.
export * from './address-matcher.js';
